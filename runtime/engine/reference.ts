// The reference semantics: each control's TypeScript `check`, run directly in Node.
import type { CheckContext, Control, InputName, KindName, Params, ParamValue } from "../../dsl/index.js";
import type { ControlInputValues, Engine, Inventory, KubeObject, Outcome, Outcomes } from "./engine.js";

type Context = CheckContext<InputName, Params>;
export type Lookups = Pick<Context, "objects" | "objectsIn" | "object">;

/**
 * Lookups over an inventory, as the Rego library reads it (rampart.lib objects…). The objects of
 * a kind are listed once per inventory (frozen: checks only read them), not once per object checked.
 */
export function lookupsOf(inventory: Inventory): Lookups {
  const byNamespace = (kind: KindName) => inventory[kind] ?? {};
  const ofKind = new Map<KindName, readonly KubeObject[]>();
  return {
    objects: <K extends KindName>(kind: K) => {
      let list = ofKind.get(kind);
      if (list === undefined) {
        list = Object.freeze(Object.values(byNamespace(kind)).flatMap((byName) => Object.values(byName)));
        ofKind.set(kind, list);
      }
      return list as never;
    },
    objectsIn: <K extends KindName>(kind: K, namespace: string) =>
      (Object.hasOwn(byNamespace(kind), namespace) ? Object.values(byNamespace(kind)[namespace] ?? {}) : []) as never,
    object: <K extends KindName>(kind: K, namespace: string, name: string) => {
      const byName = Object.hasOwn(byNamespace(kind), namespace) ? byNamespace(kind)[namespace] : undefined;
      return (byName !== undefined && Object.hasOwn(byName, name) ? byName[name] : undefined) as never;
    },
  };
}

/**
 * A control's parameters: the value the inputs give each, else the declared default (as the
 * compiled forms fall back to it).
 */
export function paramsOf(control: Pick<Control, "parameters">, inputs: ControlInputValues): Record<string, ParamValue> {
  return Object.fromEntries(
    Object.entries(control.parameters ?? {}).map(([name, param]) => [
      name,
      Object.hasOwn(inputs, name) ? (inputs[name] as ParamValue) : param.default,
    ]),
  );
}

export class ReferenceEngine implements Engine {
  private inputs: ControlInputValues = {} as ControlInputValues;
  private lookups: Lookups = lookupsOf({});

  constructor(private readonly controls: ReadonlyMap<string, Control>) {}

  prepare(inputs: ControlInputValues, inventory: Inventory): void {
    this.inputs = inputs;
    this.lookups = lookupsOf(inventory);
  }

  evaluate(objects: readonly KubeObject[], controlIds: readonly string[]): Outcomes {
    const outcomes: Outcomes = new Map();
    for (const id of controlIds) {
      const control = this.controls.get(id);
      if (control === undefined) throw new Error(`no TypeScript control ${id}`);
      const context: Context = { inputs: this.inputs, params: paramsOf(control, this.inputs), ...this.lookups };
      const kinds = new Set<string>(control.kinds);
      const found: Outcome[] = [];
      objects.forEach((object, index) => {
        if (!kinds.has(object.kind as string)) return;
        try {
          const violations = control.check(object as never, context);
          if (violations.length > 0) found.push({ index, violations });
        } catch (error) {
          found.push({ index, error: `the check threw: ${(error as Error).message}` });
        }
      });
      outcomes.set(id, found);
    }
    return outcomes;
  }
}
