// What every evaluation engine (policy.wasm, the TypeScript reference, OPA's own `opa eval`)
// computes: for each control, the objects that fail it or that it could not evaluate.
import type { InputName, KindName, Violation } from "../../dsl/index.js";

export type KubeObject = Record<string, unknown>;

/** One object's result for one control; objects that pass are not listed. */
export type Outcome =
  | { readonly index: number; readonly violations: readonly Violation[] }
  | { readonly index: number; readonly error: string };

/** Control ID → outcomes of the objects that fail it or cannot be evaluated. */
export type Outcomes = Map<string, Outcome[]>;

export type ControlInputValues = Readonly<Record<InputName, readonly string[]>>;

/** The objects of a scan grouped by kind: what cross-resource controls look up. */
export type Inventory = Readonly<Partial<Record<KindName, readonly KubeObject[]>>>;

export function inventoryOf(objects: readonly KubeObject[]): Inventory {
  const byKind: Partial<Record<string, KubeObject[]>> = {};
  for (const object of objects) {
    const kind = object.kind as string;
    (byKind[kind] ??= []).push(object);
  }
  return byKind;
}

export interface Engine {
  /** Sets what every evaluation reads besides the objects: control inputs and the inventory. */
  prepare(inputs: ControlInputValues, inventory: Inventory): void;
  /** Evaluates the controls on `objects` (indexes in outcomes are positions in `objects`). */
  evaluate(objects: readonly KubeObject[], controlIds: readonly string[]): Outcomes;
}
