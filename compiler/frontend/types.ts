// What the TypeScript type checker says about an expression, reduced to what translation needs.
import type { Type } from "ts-morph";

export type Facet = "boolean" | "string" | "number" | "array" | "object" | "missing" | "other";

export function facets(type: Type): ReadonlySet<Facet> {
  const parts = type.isUnion() ? type.getUnionTypes() : [type];
  return new Set(parts.map(facetOf));
}

function facetOf(type: Type): Facet {
  if (type.isUndefined() || type.isNull() || type.isVoid()) return "missing";
  if (type.isBoolean() || type.isBooleanLiteral()) return "boolean";
  if (type.isString() || type.isStringLiteral() || type.isTemplateLiteral()) return "string";
  if (type.isNumber() || type.isNumberLiteral()) return "number";
  if (type.isArray() || type.isReadonlyArray() || type.isTuple()) return "array";
  if (type.isObject() && type.getCallSignatures().length === 0) return "object";
  return "other";
}

/** Every part of the type is one of `allowed`. */
export function only(found: ReadonlySet<Facet>, ...allowed: Facet[]): boolean {
  return [...found].every((facet) => allowed.includes(facet));
}
