// Generic traversal of the IR, for passes that look at every node.
import { assertNever, type Expr } from "./nodes.js";

export function children(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case "literal":
    case "variable":
    case "controlInput":
      return [];
    case "lookup":
      return [expr.namespace, expr.name].filter((child): child is Expr => child !== null);
    case "get":
      return [expr.object, expr.key];
    case "compare":
    case "logical":
    case "coalesce":
      return [expr.left, expr.right];
    case "not":
    case "isTrue":
    case "isPresent":
    case "length":
    case "lowercase":
    case "numberToString":
      return [expr.operand];
    case "conditional":
      return [expr.test, expr.then, expr.otherwise];
    case "let":
      return [expr.value, expr.body];
    case "array":
      return expr.items.map((item) => item.value);
    case "record":
      return expr.fields.map((field) => field.value);
    case "iterate":
      return [expr.source, expr.body];
    case "entries":
      return [expr.object];
    case "includes":
      return [expr.array, expr.element];
    case "join":
      return [expr.array, expr.separator];
    case "stringTest":
      return [expr.subject, expr.argument];
    case "regexTest":
      return [expr.pattern, expr.subject];
    case "concat":
      return expr.parts;
    case "helper":
    case "call":
      return expr.args;
    default:
      return assertNever(expr);
  }
}

/** Every node of the tree, parents before children. */
export function* nodes(expr: Expr): Generator<Expr> {
  yield expr;
  for (const child of children(expr)) yield* nodes(child);
}

/** Every variable name the tree reads. */
export function readNames(expr: Expr): Set<string> {
  const names = new Set<string>();
  for (const node of nodes(expr)) if (node.kind === "variable") names.add(node.name);
  return names;
}

/** Every variable name the tree binds or reads. */
export function variableNames(expr: Expr): Set<string> {
  const names = new Set<string>();
  for (const node of nodes(expr)) {
    if (node.kind === "variable" || node.kind === "let") names.add(node.name);
    if (node.kind === "iterate") {
      names.add(node.item);
      if (node.index !== null) names.add(node.index);
    }
  }
  return names;
}
