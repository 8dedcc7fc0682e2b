// Which values the CEL printer computes once and binds (`[value].map(name, body)[0]`, see bind
// in helpers.ts) instead of printing them at every read. CEL has no local bindings, and that
// comprehension costs more than reading a field again, so only costly values are bound.
import { assertNever, type ControlFunction, type Expr, type HelperName } from "../../ir/nodes.js";
import { children, nodes } from "../../ir/walk.js";

/**
 * Whether a value read more than once is better computed once (see bind) than printed at each
 * read: it holds a comprehension, a costly helper, or a function of the author's that does.
 * (Reads look through a const to Object.entries and to a request record, which stay
 * substituted, as does anything whose reads cost a few selections.)
 */
export function costly(value: Expr, functions: ReadonlyMap<string, ControlFunction>): boolean {
  switch (value.kind) {
    case "iterate":
      return !overEntries(value.source);
    case "helper":
      return COSTLY_HELPERS[value.name] || value.args.some((arg) => costly(arg, functions));
    case "call": {
      const fn = functions.get(value.name);
      return (fn !== undefined && costly(fn.body, functions)) || value.args.some((arg) => costly(arg, functions));
    }
    case "record":
    case "entries":
      return false;
    case "literal":
    case "variable":
    case "get":
    case "compare":
    case "logical":
    case "not":
    case "isTrue":
    case "isPresent":
    case "coalesce":
    case "conditional":
    case "let":
    case "array":
    case "includes":
    case "length":
    case "stringTest":
    case "lowercase":
    case "join":
    case "regexTest":
    case "concat":
    case "numberToString":
    case "controlInput":
    case "lookup":
      return children(value).some((child) => costly(child, functions));
    default:
      return assertNever(value);
  }
}

/**
 * The helpers whose CEL costs more than binding their value does (a comprehension over a
 * one-element list): parsing an image, matching RBAC rules or label selectors. The others read a policy variable
 * or a field, or cost about as much as the binding (the quantity helpers, measured on the helper
 * controls' fixtures with the API server's cost accounting).
 */
const COSTLY_HELPERS: Record<HelperName, boolean> = {
  podSpec: false,
  podSpecPath: false,
  podMetadata: false,
  containers: false,
  containerPorts: false,
  selectorMatches: true,
  mapSelectorMatches: true,
  namespaceOf: false,
  lowerAscii: false,
  parseImage: true,
  compareQuantities: false,
  isQuantity: false,
  ruleAllows: true,
  rulesAllowing: true,
  commandFlags: true,
};

/** Object.entries, or a filter of it: a map in CEL (see entriesMap), which reads look through. */
function overEntries(expr: Expr): boolean {
  return expr.kind === "entries" || (expr.kind === "iterate" && expr.op === "filter" && overEntries(expr.source));
}

/** How many times `body` reads the variable `name`. */
export function readCount(body: Expr, name: string): number {
  let count = 0;
  for (const node of nodes(body)) if (node.kind === "variable" && node.name === name) count++;
  return count;
}
