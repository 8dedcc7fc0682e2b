// The names no IR variable or function may take: the union of what each back end needs free.
// The front end renames a control's names that collide (`array` becomes `array_`), so every back
// end can print the IR's names as they are.
import { CEL_RESERVED_NAMES } from "../backends/cel/escape.js";
import { ENTRY_RULE_NAMES } from "../backends/gatekeeper/rego.js";
import { REGO_RESERVED_NAMES } from "../backends/rego/modules.js";

export const RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...REGO_RESERVED_NAMES,
  ...CEL_RESERVED_NAMES,
  ...ENTRY_RULE_NAMES,
]);
