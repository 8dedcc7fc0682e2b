// The backbone: every fixture through every engine. The TypeScript check must give the
// fixture's expected verdict and paths; policy.wasm, `opa eval` and (for CEL-expressible
// controls) the generated admission policy must give exactly the TypeScript violations.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { GENERATED_DIR } from "../../runtime/generated.js";
import { type EngineName, runAll, type Verdicts } from "../support/engines.js";
import { type ConcreteCase, loadFixtures } from "../support/fixtures.js";

interface ManifestControl {
  readonly id: string;
  readonly scope: "single-object" | "cross-resource";
  readonly admission: { readonly expressible: boolean };
}

const manifest = JSON.parse(readFileSync(path.join(GENERATED_DIR, "manifest.json"), "utf8")) as {
  controls: ManifestControl[];
};
const compiled = new Map(manifest.controls.map((control) => [control.id, control]));
const cases = loadFixtures();
const controlIds = [...new Set(cases.map((entry) => entry.control))];

/**
 * Cases evaluated together: all cases of a single-object control that share control inputs
 * (objects do not see each other), each case alone for a cross-resource control.
 */
function groupKey(entry: ConcreteCase): string {
  const crossResource = compiled.get(entry.control)?.scope === "cross-resource";
  return crossResource ? `case:${entry.name}` : `inputs:${JSON.stringify(entry.inputs)}`;
}

describe.each(controlIds)("%s", (id) => {
  const control = compiled.get(id);
  const mine = cases.filter((entry) => entry.control === id);
  const results = new Map<ConcreteCase, { verdicts: Record<EngineName, Verdicts>; offset: number }>();

  beforeAll(() => {
    const groups = new Map<string, ConcreteCase[]>();
    for (const entry of mine) groups.set(groupKey(entry), [...(groups.get(groupKey(entry)) ?? []), entry]);
    for (const group of groups.values()) {
      const objects = group.flatMap((entry) => entry.objects);
      const verdicts = runAll({ objects, controlIds: [id], inputs: group[0]?.inputs ?? ({} as never) });
      let offset = 0;
      for (const entry of group) {
        results.set(entry, { verdicts, offset });
        offset += entry.objects.length;
      }
    }
  });

  it("is compiled", () => {
    expect(control, `${id} is missing from generated/manifest.json: run rampart compile`).toBeDefined();
  });

  for (const entry of mine) {
    describe(entry.name, () => {
      for (const expectation of entry.expectations) {
        it(expectation.label, () => {
          const result = results.get(entry);
          if (result === undefined) throw new Error("no engine results");
          const at = (engine: EngineName) => result.verdicts[engine].get(id)?.[result.offset + expectation.objectIndex];
          const reference = at("typescript");
          expect(reference?.status, "TypeScript verdict").toBe(expectation.fails.length > 0 ? "fail" : "pass");
          expect(reference?.paths, "TypeScript failing paths").toEqual([...expectation.fails].sort());
          expect(at("wasm"), "policy.wasm agrees with TypeScript").toEqual(reference);
          expect(at("opa"), "opa eval agrees with TypeScript").toEqual(reference);
          if (control?.admission.expressible === true) {
            expect(at("cel"), "the admission policy agrees with TypeScript").toEqual(reference);
          }
        });
      }
    });
  }
});
