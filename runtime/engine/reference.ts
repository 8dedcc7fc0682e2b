// The reference semantics: each control's TypeScript `check`, run directly in Node.
import type { CheckContext, Control, InputName, KindName } from "../../dsl/index.js";
import type { ControlInputValues, Engine, Inventory, KubeObject, Outcome, Outcomes } from "./engine.js";

/** The check context over an inventory, as the Rego library reads it (rampart.lib objects…). */
function contextOf(inputs: ControlInputValues, inventory: Inventory): CheckContext<InputName> {
  const byNamespace = (kind: KindName) => inventory[kind] ?? {};
  return {
    inputs,
    objects: <K extends KindName>(kind: K) =>
      Object.values(byNamespace(kind)).flatMap((byName) => Object.values(byName)) as never,
    objectsIn: <K extends KindName>(kind: K, namespace: string) =>
      (Object.hasOwn(byNamespace(kind), namespace) ? Object.values(byNamespace(kind)[namespace] ?? {}) : []) as never,
    object: <K extends KindName>(kind: K, namespace: string, name: string) => {
      const byName = Object.hasOwn(byNamespace(kind), namespace) ? byNamespace(kind)[namespace] : undefined;
      return (byName !== undefined && Object.hasOwn(byName, name) ? byName[name] : undefined) as never;
    },
  };
}

export class ReferenceEngine implements Engine {
  private context = contextOf({} as ControlInputValues, {});

  constructor(private readonly controls: ReadonlyMap<string, Control>) {}

  prepare(inputs: ControlInputValues, inventory: Inventory): void {
    this.context = contextOf(inputs, inventory);
  }

  evaluate(objects: readonly KubeObject[], controlIds: readonly string[]): Outcomes {
    const outcomes: Outcomes = new Map();
    for (const id of controlIds) {
      const control = this.controls.get(id);
      if (control === undefined) throw new Error(`no TypeScript control ${id}`);
      const kinds = new Set<string>(control.kinds);
      const found: Outcome[] = [];
      objects.forEach((object, index) => {
        if (!kinds.has(object.kind as string)) return;
        try {
          const violations = control.check(object as never, this.context);
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
