// Which IR expressions are always true or false (never missing): conditions the front end takes
// as they are, and terms the Rego back end prints as comparisons.
import { assertNever, type Expr, type ExprKind, type HelperName } from "./nodes.js";

/** Kinds whose value is always true or false, whatever their operands. */
export const ALWAYS_BOOLEAN = {
  literal: false,
  variable: false,
  get: false,
  compare: true,
  logical: true,
  not: true,
  isTrue: true,
  isPresent: true,
  coalesce: false,
  conditional: false,
  let: false,
  array: false,
  record: false,
  iterate: false,
  entries: false,
  includes: true,
  length: false,
  stringTest: true,
  lowercase: false,
  join: false,
  regexTest: true,
  concat: false,
  numberToString: false,
  controlInput: false,
  lookup: false,
  helper: false,
  call: false,
} as const satisfies Record<ExprKind, boolean>;

type AlwaysBooleanKind = { [K in ExprKind]: (typeof ALWAYS_BOOLEAN)[K] extends true ? K : never }[ExprKind];

/** An expression of a kind that is always true or false. */
export type AlwaysBooleanExpr = Extract<Expr, { readonly kind: AlwaysBooleanKind }>;

export function isAlwaysBoolean(expr: Expr): expr is AlwaysBooleanExpr {
  return ALWAYS_BOOLEAN[expr.kind];
}

/** DSL helpers whose value is always true or false. */
export const BOOLEAN_HELPERS = {
  podSpec: false,
  podSpecPath: false,
  podMetadata: false,
  containers: false,
  selectorMatches: true,
  mapSelectorMatches: true,
  namespaceOf: false,
  lowerAscii: false,
  parseImage: false,
  compareQuantities: false,
  isQuantity: true,
  containerPorts: false,
  ruleAllows: true,
  rulesAllowing: false,
  commandFlags: false,
} as const satisfies Record<HelperName, boolean>;

/**
 * Whether `expr` is always true or false: a kind that always is, a boolean literal, `some` or
 * `every`, or a helper that always is.
 */
export function isBoolean(expr: Expr): boolean {
  if (isAlwaysBoolean(expr)) return true;
  switch (expr.kind) {
    case "literal":
      return typeof expr.value === "boolean";
    case "iterate":
      return expr.op === "some" || expr.op === "every";
    case "helper":
      return BOOLEAN_HELPERS[expr.name];
    case "variable":
    case "get":
    case "coalesce":
    case "conditional":
    case "let":
    case "array":
    case "record":
    case "entries":
    case "length":
    case "lowercase":
    case "join":
    case "concat":
    case "numberToString":
    case "controlInput":
    case "lookup":
    case "call":
      return false;
    default:
      return assertNever(expr);
  }
}
