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
import { type ConcreteCase, loadFixtures } from "../../runtime/testing/fixtures.js";
import { type CaseResult, expectAgreement, runCases } from "../support/agreement.js";
import { CROSS_RESOURCE, EXPORTED_TO_GATEKEEPER, EXPRESSIBLE_IN_CEL } from "../support/builtin.js";

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

const largest = { expression: { cost: 0, where: "" }, evaluation: { cost: 0, where: "" } };

afterAll(() => {
  console.log(
    `largest CEL cost seen: ${largest.expression.cost} for one expression (${largest.expression.where}), ${largest.evaluation.cost} for one policy evaluation (${largest.evaluation.where})`,
  );
});
const cases = loadFixtures();
const controlIds = [...new Set(cases.map((entry) => entry.control))];

describe("the fixtures", () => {
  it("cover every built-in control", () => {
    expect([...controlIds].sort()).toEqual(BUILTIN_CONTROLS.map((control) => control.id).sort());
  });

  it("give every control an object that fails and one that passes", () => {
    const outcomes = (pass: boolean) =>
      controlIds.filter((id) =>
        cases.some(
          (entry) =>
            entry.control === id && entry.expectations.some((expectation) => (expectation.fails.length === 0) === pass),
        ),
      );
    expect(outcomes(false), "controls with a failing object").toEqual(controlIds);
    expect(outcomes(true), "controls with a passing object").toEqual(controlIds);
  });

  it("run on the admission policies and Gatekeeper templates generated/ holds", () => {
    const ids = (keep: (control: ManifestControl) => boolean) =>
      manifest.controls
        .filter(keep)
        .map((control) => control.id)
        .sort();
    expect(ids((control) => control.admission.expressible)).toEqual(EXPRESSIBLE_IN_CEL);
    expect(ids((control) => control.gatekeeper.exportable)).toEqual(EXPORTED_TO_GATEKEEPER);
    expect(ids((control) => control.scope === "cross-resource")).toEqual(CROSS_RESOURCE);
  });
});

describe.each(controlIds)("%s", (id) => {
  const control = compiled.get(id);
  const source = sources.get(id);
  const mine = cases.filter((entry) => entry.control === id);
  let results = new Map<ConcreteCase, CaseResult>();

  beforeAll(() => {
    results = runCases(id, mine, (controlId) => compiled.get(controlId)?.scope === "cross-resource");
  });

  it("is compiled", () => {
    expect(control, `${id} is missing from generated/manifest.json: run rampart compile`).toBeDefined();
  });

  for (const entry of mine) {
    describe(entry.name, () => {
      for (const expectation of entry.expectations) {
        it(expectation.label, () => {
          if (source === undefined) throw new Error(`no TypeScript control ${id}`);
          const decision = expectAgreement({
            control: source,
            entry,
            expectation,
            result: results.get(entry),
            exportedToGatekeeper: EXPORTED_TO_GATEKEEPER.includes(id),
            expressibleInCel: EXPRESSIBLE_IN_CEL.includes(id),
            costShare: 1 / 100,
          });
          for (const [expression, cost] of Object.entries(decision?.costs ?? {})) {
            if (cost > largest.expression.cost)
              largest.expression = { cost, where: `${id} ${expression}, ${entry.name}` };
          }
          const total = decision?.totalCost ?? 0;
          if (total > largest.evaluation.cost) largest.evaluation = { cost: total, where: `${id}, ${entry.name}` };
        });
      }
    });
  }
});
