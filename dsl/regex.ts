// Matching against a pattern that is only known at run time (a control input). Patterns are
// RE2 syntax, the common ground of JavaScript, OPA and CEL; see compiler/frontend/regex.ts.

const cache = new Map<string, RegExp>();

/** True when `pattern` (unanchored, RE2 syntax) matches somewhere in `value`. */
export function regexMatches(pattern: string, value: string): boolean {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    compiled = new RegExp(pattern, "u");
    cache.set(pattern, compiled);
  }
  return compiled.test(value);
}
