// Regular expressions in three engines: JavaScript (the TypeScript reference and the CEL dry
// run), RE2 in Go (OPA, the API server) and RE2 in C (OPA's WASM). Patterns held in data (control
// inputs, `regexMatches`) are RE2, as in Kubescape; regex literals in a check are JavaScript, the
// language they are written in. The two translations below keep each meaning exact where the
// dialects differ: `.` (JavaScript also stops at \r, U+2028 and U+2029), `\s`/`\S` (JavaScript's
// covers Unicode spaces), `\x{…}` and leading `(?flags)` (RE2 only). Anything else either means
// the same in both or is refused by re2Problem.

/** What in an RE2 pattern has no exact JavaScript counterpart here, if anything. */
export function re2Problem(pattern: string): string | undefined {
  const unsupported: ReadonlyArray<[RegExp, string]> = [
    [/\(\?<?[=!]/, "lookaround"],
    [/\(\?P?<[A-Za-z]/, "a named group"],
    [/\(\?>/, "an atomic group"],
    [/\\[1-9]|\\k</, "a backreference"],
    [/[*+?}][+]/, "a possessive quantifier"],
    [/\[\^?\]/, "an empty character class"],
    [/\\[pPQEC]|\[\[:/, "a Unicode class, \\Q…\\E or a POSIX class"],
    [/\\c[A-Za-z]|\\u\{|\\u[0-9A-Fa-f]{4}/, "a JavaScript-only escape"],
    [/\(\?[a-zA-Z]+:/, "a group with flags"],
    [/.\(\?[a-zA-Z]+\)/, "flags other than at the start"],
    [/^\(\?[a-zA-Z]*[^ims)][a-zA-Z]*\)/, "a flag other than i, m or s"],
  ];
  for (const [construct, name] of unsupported) if (construct.test(pattern)) return name;
  try {
    re2ToJs(pattern);
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

interface Translated {
  readonly source: string;
  readonly flags: string;
}

/** How one dialect's pattern is written in the other. */
interface Translation {
  /** The source dialect's `\s`, as the contents of a target character class. */
  readonly space: string;
  /** Characters outside classes that mean something else in the target (`.`, `^`, `$`). */
  readonly operators: Readonly<Record<string, string>>;
  /** Escapes only the source dialect has: `letter` at `at`, its text in the target and where it ends. */
  readonly escape: (pattern: string, letter: string, at: number) => { text: string; end: number } | undefined;
  /** RE2 reads `[]a]` as a class holding `]`; JavaScript as an empty class. */
  readonly leadingBracketIsLiteral: boolean;
}

/** Walks `pattern` once, rewriting what the translation names and copying the rest. */
function translate(pattern: string, translation: Translation): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === "\\") {
      const next = pattern[i + 1] ?? "";
      i++;
      const special = translation.escape(pattern, next, i);
      if (special !== undefined) {
        out += special.text;
        i = special.end;
      } else if (next === "s") out += inClass ? translation.space : `[${translation.space}]`;
      else if (next === "S") {
        if (inClass) throw new Error("\\S inside a character class");
        out += `[^${translation.space}]`;
      } else out += `\\${next}`;
      continue;
    }
    if (inClass) {
      if (char === "]") inClass = false;
      out += char;
      continue;
    }
    if (char === "[") {
      inClass = true;
      out += char;
      if (pattern[i + 1] === "^") out += pattern[++i];
      if (translation.leadingBracketIsLiteral && pattern[i + 1] === "]") out += `\\${pattern[++i]}`;
      continue;
    }
    out += translation.operators[char] ?? char;
  }
  return out;
}

const RE2_SPACE = "\\t\\n\\f\\r ";

/** An RE2 pattern as a JavaScript regex with the same matches (`u` flag). */
export function re2ToJs(pattern: string): Translated {
  let flags = "u";
  let rest = pattern;
  const leading = /^\(\?([ims]+)\)/.exec(rest);
  if (leading !== null) {
    flags += (leading[1] ?? "").replace(/[sm]/g, "");
    rest = rest.slice(leading[0].length);
  }
  const dotAll = leading?.[1]?.includes("s") === true;
  // RE2's multi-line ^ and $ stop at \n only; JavaScript's also at \r, U+2028 and U+2029.
  const multiLine = leading?.[1]?.includes("m") === true;
  const source = translate(rest, {
    space: RE2_SPACE,
    operators: {
      ".": dotAll ? "[\\s\\S]" : "[^\\n]",
      ...(multiLine ? { "^": "(?:^|(?<=\\n))", $: "(?:$|(?=\\n))" } : {}),
    },
    leadingBracketIsLiteral: true,
    escape: (text, letter, at) => {
      if (letter === "x" && text[at + 1] === "{") {
        const end = text.indexOf("}", at);
        return { text: `\\u{${text.slice(at + 2, end)}}`, end };
      }
      if (letter === "z") return { text: "(?![\\s\\S])", end: at };
      if (letter === "A") return { text: "^", end: at };
      return undefined;
    },
  });
  new RegExp(source, flags);
  return { source, flags };
}

const JS_SPACE =
  "\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}";
const JS_LINE_END = "\\n\\r\\x{2028}\\x{2029}";

/** A JavaScript regex literal (flags "" or "i") as an RE2 pattern with the same matches. */
export function jsToRe2(source: string, flags: string): string {
  const out = translate(source, {
    space: JS_SPACE,
    operators: { ".": `[^${JS_LINE_END}]` },
    leadingBracketIsLiteral: false,
    escape: (_, letter, at) => (letter === "/" ? { text: "/", end: at } : undefined),
  });
  return flags.includes("i") ? `(?i)${out}` : out;
}

const cache = new Map<string, RegExp>();

/** True when the RE2 `pattern` (unanchored) matches somewhere in `value`. */
export function regexMatches(pattern: string, value: string): boolean {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    const { source, flags } = re2ToJs(pattern);
    compiled = new RegExp(source, flags);
    if (cache.size > 1024) cache.clear();
    cache.set(pattern, compiled);
  }
  return compiled.test(value);
}
