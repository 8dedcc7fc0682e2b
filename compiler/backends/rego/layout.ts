// Layout of emitted Rego: the outermost comprehension of a rule is spread over several lines,
// one body expression per line, the way `opa fmt` keeps it.

/** Splits `text` at `separator` where it is outside brackets and string literals. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      continue;
    }
    if (char === "[" || char === "{" || char === "(") depth++;
    else if (char === "]" || char === "}" || char === ")") depth--;
    else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i += separator.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * `[term | a; b]` as
 * ```
 * [term |
 * <indent>\ta
 * <indent>\tb
 * <indent>]
 * ```
 * Anything that is not a single comprehension is returned unchanged.
 */
export function spreadComprehension(term: string, indent: string): string {
  if (!term.startsWith("[") || !term.endsWith("]")) return term;
  const inner = term.slice(1, -1);
  if (splitTopLevel(term, "], [").length > 1) return term;
  const [head, body, ...more] = splitTopLevel(inner, " | ");
  if (head === undefined || body === undefined || more.length > 0) return term;
  const lines = splitTopLevel(body, "; ").map((line) => `${indent}\t${line}`);
  return `[${head} |\n${lines.join("\n")}\n${indent}]`;
}
