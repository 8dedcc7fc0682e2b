// What every evaluation engine (policy.wasm, the TypeScript reference, OPA's own `opa eval`)
// computes: for each control, the objects that fail it or that it could not evaluate.
import { type InputName, isClusterScoped, type KindName, type ParamValue, type Violation } from "../../dsl/index.js";

export type KubeObject = Record<string, unknown>;

/** One object's result for one control; objects that pass are not listed. */
export type Outcome =
  | { readonly index: number; readonly violations: readonly Violation[] }
  | { readonly index: number; readonly error: string };

/** Control ID → outcomes of the objects that fail it or cannot be evaluated. */
export type Outcomes = Map<string, Outcome[]>;

/**
 * The control inputs of an evaluation: every built-in input (a list of strings) and the value of
 * each parameter the controls declare (one namespace: a name is one setting).
 */
export type ControlInputValues = Readonly<Record<InputName, readonly string[]>> & Readonly<Record<string, ParamValue>>;

/**
 * The objects of a scan that cross-resource controls look up: kind → namespace → name → object.
 * An object without a namespace is filed under "default" (dsl namespaceOf), and so is every
 * object of a cluster-scoped kind (whose namespace the API server ignores); when two objects
 * share kind, namespace and name, the later one is kept.
 */
export type Inventory = Readonly<
  Partial<Record<KindName, Readonly<Record<string, Readonly<Record<string, KubeObject>>>>>>
>;

/** The inventory of `objects`, restricted to `kinds` when given (what the selected controls read). */
export function inventoryOf(objects: readonly KubeObject[], kinds?: ReadonlySet<string>): Inventory {
  const inventory: Record<string, Record<string, Record<string, KubeObject>>> = {};
  for (const object of objects) {
    const kind = object.kind as string;
    if (kinds !== undefined && !kinds.has(kind)) continue;
    const metadata = (object.metadata ?? {}) as { namespace?: unknown; name?: unknown };
    const namespace = typeof metadata.namespace === "string" && !isClusterScoped(kind) ? metadata.namespace : "default";
    const name = typeof metadata.name === "string" ? metadata.name : "";
    const byNamespace = inventory[kind] ?? {};
    const byName = byNamespace[namespace] ?? {};
    byName[name] = object;
    byNamespace[namespace] = byName;
    inventory[kind] = byNamespace;
  }
  return inventory;
}

export interface Engine {
  /** Sets what every evaluation reads besides the objects: control inputs and the inventory. */
  prepare(inputs: ControlInputValues, inventory: Inventory): void;
  /** Evaluates the controls on `objects` (indexes in outcomes are positions in `objects`). */
  evaluate(objects: readonly KubeObject[], controlIds: readonly string[]): Outcomes;
}

/** An engine that evaluates elsewhere (worker threads, engine/pool.ts): the same calls, answered later. */
export interface AsyncEngine {
  prepare(inputs: ControlInputValues, inventory: Inventory): void;
  evaluate(objects: readonly KubeObject[], controlIds: readonly string[]): Promise<Outcomes>;
}
