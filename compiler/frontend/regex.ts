// Regular expressions in checks. Patterns given as strings (regexMatches) are RE2 and must be
// ones whose meaning the reference can reproduce; regex literals are JavaScript and are
// translated to RE2 with the same meaning (dsl/regex.ts).
import type { Node } from "ts-morph";
import { jsToRe2, re2Problem } from "../../dsl/regex.js";
import { fail } from "./source.js";

/** Fails at `node` when the RE2 `pattern` leaves what Rampart can evaluate the same everywhere. */
export function checkRe2(pattern: string, node: Node): void {
  const problem = re2Problem(pattern);
  if (problem !== undefined) fail("RP1014", node, pattern, problem);
}

/** The RE2 pattern of a regex literal, or a failure at `node`. */
export function literalAsRe2(source: string, flags: string, node: Node): string {
  const problem = re2Problem(source);
  if (problem !== undefined) fail("RP1014", node, source, problem);
  try {
    return jsToRe2(source, flags);
  } catch (error) {
    return fail("RP1014", node, source, (error as Error).message);
  }
}
