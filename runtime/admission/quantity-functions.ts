// The part of the Kubernetes quantity library (k8s.io/apiserver pkg/cel/library/quantity.go) that
// Rampart's policies call: `isQuantity(string)`, `quantity(string)` and
// `Quantity.compareTo(Quantity)`. Values are parsed by dsl/quantity.ts, which follows the API
// server's resource.ParseQuantity.
import { type Environment, EvaluationError } from "@marcbachmann/cel-js";
import { compareQuantityValues, type QuantityValue, quantityValue } from "../../dsl/quantity.js";

/** A parsed quantity, the CEL type `kubernetes.Quantity`. */
export class CelQuantity {
  constructor(readonly value: QuantityValue) {}
}

export function registerQuantityFunctions(environment: Environment): void {
  const sync = { async: false };
  environment.registerType("kubernetes.Quantity", CelQuantity);
  environment.registerFunction("isQuantity(string): bool", (text: string) => quantityValue(text) !== undefined, sync);
  environment.registerFunction(
    "quantity(string): kubernetes.Quantity",
    (text: string) => {
      const value = quantityValue(text);
      // The API server's message depends on what is wrong (format, suffix, number); policies
      // compiled by Rampart test isQuantity first and never reach this.
      if (value === undefined) throw new EvaluationError(`${JSON.stringify(text)} is not a quantity`);
      return new CelQuantity(value);
    },
    sync,
  );
  environment.registerFunction(
    "kubernetes.Quantity.compareTo(kubernetes.Quantity): int",
    (a: CelQuantity, b: CelQuantity) => BigInt(compareQuantityValues(a.value, b.value)),
    sync,
  );
}
