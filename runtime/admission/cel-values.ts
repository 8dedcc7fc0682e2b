// JSON values in and out of CEL. The API server decodes a JSON integer as an int64 and any other
// number as a double; cel-js represents int as BigInt and double as number, so integers are
// converted before binding (`port + 1` and `hostPort > 0` then type-check as int arithmetic).
// Results go back to plain JSON: BigInt → number, CEL maps → objects.
import { Optional } from "@marcbachmann/cel-js";

const INT64_MIN = -(2 ** 63);
const INT64_MAX = 2 ** 63;

/**
 * `value` with every integral number as a BigInt, deeply. YAML and JSON parsers have already
 * turned `1.0` into `1`, so it becomes an int too; an integer outside int64 stays a double, as
 * in the API server. Maps get a null prototype so a `__proto__` key stays an ordinary key.
 */
export function toCel(value: unknown): unknown {
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= INT64_MIN && value < INT64_MAX ? BigInt(value) : value;
  }
  if (Array.isArray(value)) return value.map(toCel);
  if (typeof value !== "object" || value === null) return value;
  const map: Record<string, unknown> = Object.create(null);
  for (const [key, field] of Object.entries(value)) {
    if (field !== undefined) map[key] = toCel(field);
  }
  return map;
}

/**
 * A CEL result as JSON: ints become numbers, lists arrays, maps (plain objects or `Map`s with
 * int keys) objects with string keys. An optional becomes its value or null. Values without a
 * JSON form (bytes, timestamps, durations, types) are returned as they are.
 */
export function toJson(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, field]) => [String(key), toJson(field)]));
  if (value instanceof Optional) return value.hasValue() ? toJson(value.value()) : null;
  if (isPlainMap(value)) return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, toJson(field)]));
  return value;
}

/** A CEL map as cel-js builds them: an object with the plain or the null prototype. */
export function isPlainMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || prototype === Object.prototype;
}

/** The CEL type of a runtime value, for error messages. */
export function celTypeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  if (value instanceof Map) return "map";
  if (value instanceof Optional) return "optional";
  switch (typeof value) {
    case "bigint":
      return "int";
    case "number":
      return "double";
    case "boolean":
      return "bool";
    case "string":
      return "string";
    default:
      return isPlainMap(value) ? "map" : typeof value;
  }
}
