// Regular expressions must mean the same in JavaScript (the reference), OPA (Go RE2 and the
// WASM RE2 build) and Kubernetes CEL (RE2). This accepts the common ground and rejects the rest.
import type { Node } from "ts-morph";
import { fail } from "./source.js";

const UNSUPPORTED: ReadonlyArray<[RegExp, string]> = [
  [/\(\?<?[=!]/, "lookaround"],
  [/\(\?<[A-Za-z]/, "a named group"],
  [/\(\?>/, "an atomic group"],
  [/\\[1-9]|\\k</, "a backreference"],
  [/[*+?}][+]/, "a possessive quantifier"],
  [/\[\^?\]/, "an empty character class"],
  [/\\c[A-Za-z]|\\u\{|\\u[0-9A-Fa-f]{4}/, "a JavaScript-only escape"],
];

/** Fails at `node` when `pattern` leaves the RE2/JavaScript common ground. */
export function checkRe2(pattern: string, node: Node): void {
  const problem = re2Problem(pattern);
  if (problem !== undefined) fail("RP1014", node, pattern, problem);
}

/** What in `pattern` RE2 and JavaScript disagree on, if anything (also used for control inputs). */
export function re2Problem(pattern: string): string | undefined {
  for (const [construct, name] of UNSUPPORTED) if (construct.test(pattern)) return name;
  try {
    new RegExp(pattern, "u");
  } catch {
    return "syntax JavaScript rejects";
  }
  return undefined;
}
