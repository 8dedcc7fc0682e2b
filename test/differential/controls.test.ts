// The backbone: every fixture through every engine. The TypeScript check must give the
// fixture's expected verdict and paths; policy.wasm, `opa eval` and, for controls exported to
// Gatekeeper, `gator test` on the ConstraintTemplate must give exactly the TypeScript violations
// (messages, paths and fixes); for CEL-expressible controls, so must the generated admission policy,
// both in TypeScript (`rampart admit`) and in the Kubernetes API server's own CEL (the oracle),
// which must also deny exactly the failing objects, with the same message, well within the
// API server's CEL cost limits.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_CONTROLS } from "../../frameworks/index.js";
import { GENERATED_DIR } from "../../runtime/generated.js";
import { normalize } from "../../runtime/input/normalize.js";
import { type ConcreteCase, loadFixtures } from "../../runtime/testing/fixtures.js";
import { groupCases } from "../../runtime/testing/run.js";
import { type AllEngines, type EngineName, expectedDenyMessage, runAll } from "../support/engines.js";

interface ManifestControl {
  readonly id: string;
  readonly scope: "single-object" | "cross-resource";
  readonly admission: { readonly expressible: boolean };
  readonly gatekeeper: { readonly exportable: boolean };
}

const manifest = JSON.parse(readFileSync(path.join(GENERATED_DIR, "manifest.json"), "utf8")) as {
  controls: ManifestControl[];
};
const compiled = new Map(manifest.controls.map((control) => [control.id, control]));
const sources = new Map(BUILTIN_CONTROLS.map((control) => [control.id, control]));

/** The API server's limits: per expression, and per policy evaluation. */
const EXPRESSION_COST_LIMIT = 1_000_000;
const EVALUATION_COST_LIMIT = 10_000_000;
const largest = { expression: { cost: 0, where: "" }, evaluation: { cost: 0, where: "" } };

afterAll(() => {
  console.log(
    `largest CEL cost seen: ${largest.expression.cost} for one expression (${largest.expression.where}), ${largest.evaluation.cost} for one policy evaluation (${largest.evaluation.where})`,
  );
});
const cases = loadFixtures();
const controlIds = [...new Set(cases.map((entry) => entry.control))];

describe.each(controlIds)("%s", (id) => {
  const control = compiled.get(id);
  const mine = cases.filter((entry) => entry.control === id);
  const results = new Map<ConcreteCase, { engines: AllEngines; offset: number }>();

  beforeAll(() => {
    const crossResource = (controlId: string) => compiled.get(controlId)?.scope === "cross-resource";
    for (const group of groupCases(mine, crossResource)) {
      const objects = group.flatMap((entry) => entry.objects);
      const engines = runAll({ objects, controlIds: [id], inputs: group[0]?.inputs ?? ({} as never) });
      let offset = 0;
      for (const entry of group) {
        results.set(entry, { engines, offset });
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
          const index = result.offset + expectation.objectIndex;
          const at = (engine: EngineName) => result.engines.verdicts[engine].get(id)?.[index];
          const reference = at("typescript");
          expect(reference?.status, "TypeScript verdict").toBe(expectation.fails.length > 0 ? "fail" : "pass");
          expect(reference?.paths, "TypeScript failing paths").toEqual([...expectation.fails].sort());
          expect(at("wasm"), "policy.wasm agrees with TypeScript").toEqual(reference);
          expect(at("opa"), "opa eval agrees with TypeScript").toEqual(reference);
          if (control?.gatekeeper.exportable === true)
            expect(at("gator"), "Gatekeeper (gator test) agrees with TypeScript").toEqual(reference);
          if (control?.admission.expressible !== true) return;
          expect(at("cel"), "the admission policy (TypeScript CEL) agrees with TypeScript").toEqual(reference);
          expect(at("oracle"), "the API server's CEL agrees with TypeScript").toEqual(reference);
          const decision = result.engines.decisions.get(id)?.[index];
          expect(decision?.decision, "the API server's decision").toBe(reference?.status === "fail" ? "deny" : "admit");
          const admit = result.engines.admitDecisions.get(id)?.[index];
          expect(admit, "rampart admit decides as the API server").toEqual({
            decision: decision?.decision,
            message: decision?.message,
          });
          if (decision?.decision === "deny") {
            // The message lists violations in the check's own order (CEL keeps list order).
            const object = normalize(entry.objects[expectation.objectIndex]) as Record<string, unknown>;
            const source = sources.get(id);
            if (source === undefined) throw new Error(`no TypeScript control ${id}`);
            expect(decision.message).toBe(expectedDenyMessage(source, object, entry.inputs));
          }
          for (const [expression, cost] of Object.entries(decision?.costs ?? {})) {
            expect(cost, `${expression} within the per-expression limit`).toBeLessThan(EXPRESSION_COST_LIMIT / 100);
            if (cost > largest.expression.cost)
              largest.expression = { cost, where: `${id} ${expression}, ${entry.name}` };
          }
          const total = decision?.totalCost ?? 0;
          expect(total, "within the per-evaluation limit").toBeLessThan(EVALUATION_COST_LIMIT / 100);
          if (total > largest.evaluation.cost) largest.evaluation = { cost: total, where: `${id}, ${entry.name}` };
        });
      }
    });
  }
});
