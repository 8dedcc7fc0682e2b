// Shapes of IR trees that back ends print specially, recognised once here so that each back end
// only prints them: a flatMap body yielding at most one value, the spread and plain runs of a
// list literal, a chain of reads, and the negation of a test.
import type { ArrayItem, Expr, Get, Let } from "./nodes.js";

/** `!expr` as an IR node (it keeps the id of the test it negates); `!!x` is `x`. */
export function negate(expr: Expr): Expr {
  if (expr.kind === "not") return expr.operand;
  return Object.freeze({ id: expr.id, kind: "not", operand: expr });
}

/**
 * A flatMap body that yields at most one value: `[value]`, or `test ? [value] : []` (or
 * `test ? [] : [value]`, whose test is then negated), under local consts.
 */
export interface SingleItem {
  /** The consts around the list, outermost first; `test` and `value` may read them. */
  readonly lets: readonly Let[];
  /** The value is yielded when this holds; null when it always is. */
  readonly test: Expr | null;
  readonly value: Expr;
}

export function singleItem(body: Expr): SingleItem | undefined {
  const lets: Let[] = [];
  let inner = body;
  while (inner.kind === "let") {
    lets.push(inner);
    inner = inner.body;
  }
  const item = onlyItem(inner);
  if (item !== undefined) return { lets, test: null, value: item };
  if (inner.kind !== "conditional") return undefined;
  const thenItem = onlyItem(inner.then);
  if (thenItem !== undefined && isEmptyList(inner.otherwise)) return { lets, test: inner.test, value: thenItem };
  const otherwiseItem = onlyItem(inner.otherwise);
  if (otherwiseItem !== undefined && isEmptyList(inner.then))
    return { lets, test: negate(inner.test), value: otherwiseItem };
  return undefined;
}

/** The value of a list literal of one plain item. */
function onlyItem(list: Expr): Expr | undefined {
  const [only, ...others] = list.kind === "array" ? list.items : [];
  return only !== undefined && !only.spread && others.length === 0 ? only.value : undefined;
}

function isEmptyList(list: Expr): boolean {
  return list.kind === "array" && list.items.length === 0;
}

/** A run of a list literal: a spread list, or consecutive plain items. */
export type ListPart =
  | { readonly spread: true; readonly value: Expr }
  | { readonly spread: false; readonly values: readonly Expr[] };

/**
 * The parts whose concatenation a list literal is, in order: each spread on its own, the plain
 * items between them together. Never empty: `[]` is one plain part with no values.
 */
export function listParts(items: readonly ArrayItem[]): ListPart[] {
  const parts: ListPart[] = [];
  let plain: Expr[] = [];
  for (const item of items) {
    if (!item.spread) {
      plain.push(item.value);
      continue;
    }
    if (plain.length > 0) parts.push({ spread: false, values: plain });
    plain = [];
    parts.push({ spread: true, value: item.value });
  }
  if (plain.length > 0 || parts.length === 0) parts.push({ spread: false, values: plain });
  return parts;
}

/** `base.k1.k2…` as the innermost value read and the keys, outermost read last. */
export function getChain(expr: Get): { readonly base: Expr; readonly keys: readonly Expr[] } {
  const keys: Expr[] = [];
  let base: Expr = expr;
  while (base.kind === "get") {
    keys.unshift(base.key);
    base = base.object;
  }
  return { base, keys };
}
