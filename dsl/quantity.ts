// Kubernetes resource quantities (`500m`, `1Gi`, `2`, `1e3`, `0.5`) read exactly as the API server
// reads them: k8s.io/apimachinery pkg/api/resource, ParseQuantity, which is also what CEL's
// `isQuantity()` and `quantity()` call. Its quirks are kept on purpose, because the CEL of an
// admission policy runs the real thing:
//   - every valid quantity is a multiple of 10^-9: finer values are rounded away from zero
//     ("0.1n" is 1n); binary-suffixed values (Ki … Ei) are capped at 2^63-1 in magnitude;
//     decimal ones are not capped;
//   - a sign or a suffix alone is zero ("+", "-", ".", "m", "Ki"), but "", "Pi", "Ei" and ".e-10"
//     are not quantities (the parser's slow path needs a digit);
//   - exponents ("1e3", "1E+3") are read as int64 and then truncated to int32;
//   - nothing is trimmed: " 1" is not a quantity.
// The compiler emits the same algorithm in Rego (compiler/backends/rego/lib-quantity.ts).

/**
 * The exact value of a quantity: `sign × 0.digits × 10^order`, `digits` without leading or
 * trailing zeros ("" for zero, whose sign and order are 0).
 */
export interface QuantityValue {
  readonly sign: -1 | 0 | 1;
  readonly digits: string;
  readonly order: number;
}

interface Unit {
  readonly base: 2 | 10;
  readonly exponent: number;
}

/** The suffixes of resource.Quantity (suffix.go): decimal SI, binary SI and "" (exponent forms are parsed). */
const UNITS: Readonly<Record<string, Unit>> = {
  "": { base: 10, exponent: 0 },
  n: { base: 10, exponent: -9 },
  u: { base: 10, exponent: -6 },
  m: { base: 10, exponent: -3 },
  k: { base: 10, exponent: 3 },
  M: { base: 10, exponent: 6 },
  G: { base: 10, exponent: 9 },
  T: { base: 10, exponent: 12 },
  P: { base: 10, exponent: 15 },
  E: { base: 10, exponent: 18 },
  Ki: { base: 2, exponent: 10 },
  Mi: { base: 2, exponent: 20 },
  Gi: { base: 2, exponent: 30 },
  Ti: { base: 2, exponent: 40 },
  Pi: { base: 2, exponent: 50 },
  Ei: { base: 2, exponent: 60 },
};

/**
 * What follows the sign and leading zeros: digits, an optional `.` and digits, then a suffix of
 * the letters the scanner accepts, an optional sign and digits (parseQuantityString).
 */
const NUMBER = /^([0-9]*)(\.?)([0-9]*)([eEinumkKMGTP]*[+-]?[0-9]*)$/;

const ZERO: QuantityValue = Object.freeze({ sign: 0, digits: "", order: 0 });
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** Go's int32(x) for an integer x: the low 32 bits, two's complement. */
function int32(value: number | bigint): number {
  return Number(BigInt.asIntN(32, BigInt(value)));
}

/** strconv.ParseInt(text, 10, 64): an optional sign and at least one digit, within int64. */
function parseInt64(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value < INT64_MIN || value > INT64_MAX ? undefined : value;
}

function unitOf(suffix: string): Unit | undefined {
  if (Object.hasOwn(UNITS, suffix)) return UNITS[suffix];
  if (suffix.length > 1 && (suffix[0] === "e" || suffix[0] === "E")) {
    const exponent = parseInt64(suffix.slice(1));
    return exponent === undefined ? undefined : { base: 10, exponent: int32(exponent) };
  }
  return undefined;
}

/** `digits × 10^exponent` (digits may have leading or trailing zeros) in normal form. */
function normal(negative: boolean, digits: string, exponent: number): QuantityValue {
  const significant = digits.replace(/^0+/, "");
  if (significant === "") return ZERO;
  return { sign: negative ? -1 : 1, digits: significant.replace(/0+$/, ""), order: significant.length + exponent };
}

/** `digits × 10^exponent` rounded away from zero to a multiple of 10^-9 (inf.RoundUp at scale 9). */
function roundToNano(digits: string, exponent: number): { digits: string; exponent: number } {
  if (exponent >= -9) return { digits, exponent };
  const significant = digits.replace(/^0+/, "");
  const dropped = -9 - exponent;
  if (significant === "") return { digits: "", exponent: -9 };
  if (significant.length <= dropped) return { digits: "1", exponent: -9 };
  const kept = significant.slice(0, significant.length - dropped);
  const rest = significant.slice(significant.length - dropped);
  return { digits: /[1-9]/.test(rest) ? (BigInt(kept) + 1n).toString() : kept, exponent: -9 };
}

/** The exact value of the quantity written `text`, or undefined when it is not one. */
function parse(text: string): QuantityValue | undefined {
  if (text === "") return undefined;
  const negative = text.startsWith("-");
  const unsigned = negative || text.startsWith("+") ? text.slice(1) : text;
  const body = unsigned.replace(/^0+/, "");
  if (body === "") return ZERO;
  const match = NUMBER.exec(body);
  if (match === null) return undefined;
  const [, whole = "", dot = "", fraction = "", suffix = ""] = match;
  const unit = unitOf(suffix);
  if (unit === undefined) return undefined;
  const num = whole === "" ? "0" : whole;
  const denom = dot === "." ? fraction : "";
  // The slow path reads the number with inf.Dec, which needs at least one digit.
  const hasDigit = unsigned.length > body.length || whole !== "" || denom !== "";
  if (unit.base === 10) {
    const scale = int32(unit.exponent - denom.length);
    if (18 - (num.length + denom.length) >= 0 && scale >= -9) return normal(negative, num + denom, scale);
    if (!hasDigit) return undefined;
    const infScale = int32(denom.length + int32(-unit.exponent));
    const rounded = roundToNano(num + denom, -infScale);
    return normal(negative, rounded.digits, rounded.exponent);
  }
  const multiplier = 2n ** BigInt(unit.exponent);
  const fastPrecision = 15 - num.length - Math.trunc((unit.exponent * 3) / 10) - 1;
  if (denom === "" && fastPrecision >= 0) {
    const product = BigInt(num) * multiplier;
    if (product <= INT64_MAX) return normal(negative, product.toString(), 0);
  }
  if (!hasDigit) return undefined;
  const rounded = roundToNano((BigInt(num + denom) * multiplier).toString(), -denom.length);
  const nanos = BigInt(rounded.digits === "" ? "0" : rounded.digits) * 10n ** BigInt(rounded.exponent + 9);
  if (nanos > INT64_MAX * 10n ** 9n) return normal(negative, INT64_MAX.toString(), 0);
  return normal(negative, rounded.digits, rounded.exponent);
}

/**
 * The exact value of a quantity: a string as written, or a number (YAML `cpu: 1`, `cpu: 0.5`)
 * as its JSON text. Undefined for anything else and for strings that are not quantities.
 */
export function quantityValue(value: unknown): QuantityValue | undefined {
  if (typeof value === "string") return parse(value);
  if (typeof value === "number") return parse(String(value));
  return undefined;
}

function order<T extends number | string>(a: T, b: T): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** -1, 0 or 1 as `a` is less than, equal to or greater than `b` (resource.Quantity.Cmp). */
export function compareQuantityValues(a: QuantityValue, b: QuantityValue): -1 | 0 | 1 {
  if (a.sign !== b.sign) return order(a.sign, b.sign);
  if (a.sign === 0) return 0;
  const [larger, smaller] = a.sign === 1 ? [a, b] : [b, a];
  return larger.order !== smaller.order ? order(larger.order, smaller.order) : order(larger.digits, smaller.digits);
}

/** A resource quantity as manifests hold it: a string, or a number written without quotes. */
export type QuantityText = string | number;

/**
 * True when `value` is a Kubernetes resource quantity (CEL `isQuantity`): a string the API
 * server parses as one, or a number. False for anything else, missing included.
 */
export function isQuantity(value: QuantityText | undefined): boolean {
  return quantityValue(value) !== undefined;
}

/**
 * Compares two Kubernetes resource quantities by value (`"1Gi"` equals `"1024Mi"`, `"500m"` is
 * less than `1`): -1, 0 or 1 as `a` is less than, equal to or greater than `b`. Undefined when
 * either is missing or not a quantity, so that the check must decide what that means (usually a
 * violation: `order === undefined || order > 0`).
 */
export function compareQuantities(a: QuantityText | undefined, b: QuantityText | undefined): -1 | 0 | 1 | undefined {
  const left = quantityValue(a);
  const right = quantityValue(b);
  return left === undefined || right === undefined ? undefined : compareQuantityValues(left, right);
}
