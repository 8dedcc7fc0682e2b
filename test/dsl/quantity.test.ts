// Kubernetes quantities in TypeScript (dsl/quantity.ts), the specification the Rego and CEL of
// compareQuantities and isQuantity are held to. The expected values are what the API server's
// resource.ParseQuantity (k8s.io/apimachinery v0.37) gives for the same text, written as exact
// decimals; test/differential/helpers.test.ts compares every engine on them.
import { describe, expect, it } from "vitest";
import { compareQuantities, isQuantity } from "../../dsl/index.js";
import { type QuantityValue, quantityValue } from "../../dsl/quantity.js";

/** A quantity's value as an exact decimal ("1024.000000103", "-0.5", "0"). */
function decimal(value: QuantityValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.sign === 0) return "0";
  const { digits, order } = value;
  const whole = order <= 0 ? "0" : digits.slice(0, order).padEnd(order, "0");
  const fraction = order >= digits.length ? "" : digits.slice(Math.max(order, 0)).padStart(digits.length - order, "0");
  return `${value.sign < 0 ? "-" : ""}${whole}${fraction === "" ? "" : `.${fraction}`}`;
}

describe("quantityValue reads text as resource.ParseQuantity does", () => {
  it.each([
    ["", undefined],
    ["0", "0"],
    ["+", "0"],
    ["-", "0"],
    [".", "0"],
    [".e-10", undefined],
    [".e-9", "0"],
    ["000.e-10", "0"],
    ["Ki", "0"],
    ["Ti", "0"],
    ["Pi", undefined],
    ["Ei", undefined],
    ["0Pi", "0"],
    ["m", "0"],
    ["1", "1"],
    ["-1", "-1"],
    ["+1", "1"],
    ["01", "1"],
    ["1.", "1"],
    [".5", "0.5"],
    ["-0.5", "-0.5"],
    ["500m", "0.5"],
    ["0.1m", "0.0001"],
    ["0.1n", "0.000000001"],
    ["-0.1n", "-0.000000001"],
    ["0.0000000015", "0.000000002"],
    ["1e3", "1000"],
    ["1E3", "1000"],
    ["1e+3", "1000"],
    ["1e-07", "0.0000001"],
    ["1E", "1000000000000000000"],
    ["1e", undefined],
    ["1e+", undefined],
    ["1ee3", undefined],
    ["1Ki3", undefined],
    ["1k", "1000"],
    ["1K", undefined],
    ["1Ki", "1024"],
    ["1.5Ki", "1536"],
    ["1.0000000001Ki", "1024.000000103"],
    ["16Ei", "9223372036854775807"],
    ["-16Ei", "-9223372036854775807"],
    ["8Ei", "9223372036854775807"],
    ["7.99999999999999999Ei", "9223372036854775796.470784954"],
    ["1e4294967297", "10"],
    ["1e9223372036854775807", "0.1"],
    ["1e9223372036854775808", undefined],
    ["99999999999999999999", "99999999999999999999"],
    ["1234567890123456789m", "1234567890123456.789"],
    [" 1", undefined],
    ["1 ", undefined],
    ["1.2.3", undefined],
    ["1-5", undefined],
    ["1+5", undefined],
    ["1mi", undefined],
    ["1µ", undefined],
    ["١", undefined],
    ["0x10", undefined],
    ["NaN", undefined],
    ["Infinity", undefined],
    ["2Gi", "2147483648"],
    ["1e-10", "0.000000001"],
    ["5.e-20", "0.000000001"],
    ["100e-11", "0.000000001"],
  ] as const)("%j is %s", (text, expected) => {
    expect(decimal(quantityValue(text))).toBe(expected);
    expect(isQuantity(text)).toBe(expected !== undefined);
  });
});

describe("numbers are read as their JSON text", () => {
  it.each([
    [1, "1"],
    [0.5, "0.5"],
    [-0, "0"],
    [1e21, "1000000000000000000000"],
    [1.5e-7, "0.00000015"],
    [1e-10, "0.000000001"],
    [2147483648, "2147483648"],
  ])("%d is %s", (value, expected) => {
    expect(decimal(quantityValue(value))).toBe(expected);
  });

  it("anything else is not a quantity", () => {
    for (const value of [undefined, null, true, [], {}, Number.NaN]) expect(quantityValue(value)).toBeUndefined();
  });
});

describe("compareQuantities", () => {
  it.each([
    ["1Gi", "1024Mi", 0],
    ["1Gi", "1G", 1],
    ["500m", 1, -1],
    [0.5, "500m", 0],
    ["1e3", "1k", 0],
    ["2Gi", "2147483648", 0],
    ["16Ei", "9223372036854775807", 0],
    ["99999999999999999999", "16Ei", 1],
    ["-1", "-2", 1],
    ["-1Ki", "1", -1],
    ["0", "-0", 0],
    ["0.1n", "1n", 0],
    ["0.0000000015", "2n", 0],
    ["1.0000000001Ki", "1024.000000103", 0],
    ["1e9223372036854775807", "100m", 0],
    ["+", "0", 0],
  ] as const)("%j vs %j is %d", (a, b, expected) => {
    expect(compareQuantities(a, b)).toBe(expected);
    expect(compareQuantities(b, a)).toBe(-expected || 0);
  });

  it("is undefined when either side is missing or not a quantity", () => {
    expect(compareQuantities(undefined, "1")).toBeUndefined();
    expect(compareQuantities("1", undefined)).toBeUndefined();
    expect(compareQuantities("2GB", "1")).toBeUndefined();
    expect(compareQuantities("1", " 1")).toBeUndefined();
  });
});
