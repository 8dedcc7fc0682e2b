// The regex translations against the real RE2: OPA's regex.match (Go's regexp, the RE2 of
// OPA and the API server). An RE2 pattern translated to JavaScript must match what RE2 matches;
// a JavaScript literal translated to RE2 must match what JavaScript matches. The inputs sit
// where the dialects differ: line ends, Unicode spaces, \z, \x{…}, a leading ] in a class.
import { describe, expect, it } from "vitest";
import { runTool } from "../../compiler/tools.js";
import { jsToRe2, re2ToJs, regexMatches } from "../../dsl/regex.js";

/** RE2's verdict for each [pattern, value], from one `opa eval`. */
function re2Matches(cases: ReadonlyArray<readonly [string, string]>): boolean[] {
  const input = JSON.stringify({ cases: cases.map(([pattern, value]) => ({ pattern, value })) });
  const result = runTool(
    "opa",
    ["eval", "--format", "json", "--stdin-input", "[regex.match(c.pattern, c.value) | some c in input.cases]"],
    {
      input,
    },
  );
  if (result.status !== 0) throw new Error(`opa eval failed: ${result.stderr}`);
  const parsed = JSON.parse(result.stdout) as { result: Array<{ expressions: Array<{ value: boolean[] }> }> };
  return parsed.result[0]?.expressions[0]?.value ?? [];
}

const VALUES = [
  "a\nc",
  "a\rc",
  "a\u2028c",
  "abc",
  "ABC",
  "a\u00a0c",
  "a c",
  "a\tc",
  "\u3000",
  "\ufeff",
  "]",
  "b",
  "a\n",
  "ba",
  "A",
  "é",
  "x/y",
  "DOCKER.io/x",
];

const RE2_PATTERNS = [
  "a.c",
  "(?s)a.c",
  "(?i)abc",
  "(?m)^c",
  "(?m)a$",
  "(?ms)^a.c$",
  "^a\\sc$",
  "a\\Sc",
  "[\\s]",
  "[^\\sa-z]",
  "\\x{41}",
  "\\x{3000}",
  "a\\z",
  "\\Aa",
  "[]a]",
  "[^]a]",
  "^.$",
  "x/y",
];

const JS_LITERALS: ReadonlyArray<readonly [string, string]> = [
  ["a.c", ""],
  ["^a\\sc$", ""],
  ["a\\Sc", ""],
  ["[\\s]", ""],
  ["\\s", ""],
  ["[^a]", ""],
  ["x\\/y", ""],
  ["^docker\\.io\\/", "i"],
  ["^ABC$", "i"],
  ["^.$", ""],
];

describe("RE2 patterns (control inputs, regexMatches) in JavaScript", () => {
  const cases = RE2_PATTERNS.flatMap((pattern) => VALUES.map((value) => [pattern, value] as const));
  const expected = re2Matches(cases);
  it.each(RE2_PATTERNS.map((pattern, position) => [pattern, position] as const))("%s", (pattern, position) => {
    const mine = VALUES.map((value) => regexMatches(pattern, value));
    const re2 = expected.slice(position * VALUES.length, (position + 1) * VALUES.length);
    expect(mine, `${pattern} as ${re2ToJs(pattern).source}`).toEqual(re2);
  });
});

describe("JavaScript regex literals (in checks) in RE2", () => {
  const cases = JS_LITERALS.flatMap(([source, flags]) =>
    VALUES.map((value) => [jsToRe2(source, flags), value] as const),
  );
  const expected = re2Matches(cases);
  it.each(JS_LITERALS.map((literal, position) => [...literal, position] as const))(
    "/%s/%s",
    (source, flags, position) => {
      const javascript = VALUES.map((value) => new RegExp(source, flags).test(value));
      const re2 = expected.slice(position * VALUES.length, (position + 1) * VALUES.length);
      expect(re2, `/${source}/${flags} as ${jsToRe2(source, flags)}`).toEqual(javascript);
    },
  );
});
