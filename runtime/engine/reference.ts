// The reference semantics: each control's TypeScript `check`, run directly in Node.
import type { CheckContext, Control, InputName, KindName } from "../../dsl/index.js";
import type { ControlInputValues, Engine, Inventory, KubeObject, Outcome, Outcomes } from "./engine.js";

export class ReferenceEngine implements Engine {
  private context: CheckContext<InputName> = { inputs: {} as ControlInputValues, objects: () => [] };

  constructor(private readonly controls: ReadonlyMap<string, Control>) {}

  prepare(inputs: ControlInputValues, inventory: Inventory): void {
    this.context = {
      inputs,
      objects: <K extends KindName>(kind: K) => (inventory[kind] ?? []) as never,
    };
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
