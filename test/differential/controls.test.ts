// The backbone: every fixture through every engine. The TypeScript check must give the
// fixture's expected verdict and paths; policy.wasm, `opa eval` and, for controls exported to
// Gatekeeper, `gator test` on the ConstraintTemplate must give exactly the TypeScript violations
// (messages, paths and fixes); for CEL-expressible controls, so must the generated admission policy,
// both in TypeScript (`rampart admit`) and in the Kubernetes API server's own CEL (the oracle),
// which must also deny exactly the failing objects, with the same message, well within the
// API server's CEL cost limits.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUILTIN_CONTROLS } from "../../frameworks/index.js";
import { GENERATED_DIR } from "../../runtime/generated.js";
import { loadFixtures } from "../../runtime/testing/fixtures.js";
import { describeAgreement, expectFixtureCoverage } from "../support/agreement.js";
import { CROSS_RESOURCE, EXPORTED_TO_GATEKEEPER, EXPRESSIBLE_IN_CEL } from "../support/builtin.js";
import { builtin } from "../support/engines.js";

interface ManifestControl {
  readonly id: string;
  readonly scope: "single-object" | "cross-resource";
  readonly admission: { readonly expressible: boolean };
  readonly gatekeeper: { readonly exportable: boolean };
}

const manifest = JSON.parse(readFileSync(path.join(GENERATED_DIR, "manifest.json"), "utf8")) as {
  controls: ManifestControl[];
};
const sources = new Map(BUILTIN_CONTROLS.map((control) => [control.id, control]));

const largest = { expression: { cost: 0, where: "" }, evaluation: { cost: 0, where: "" } };

afterAll(() => {
  console.log(
    `largest CEL cost seen: ${largest.expression.cost} for one expression (${largest.expression.where}), ${largest.evaluation.cost} for one policy evaluation (${largest.evaluation.where})`,
  );
});
// The built-in controls may declare parameters of their own, which fixture cases set under params:.
const cases = loadFixtures(undefined, (id) => sources.get(id)?.parameters);

describe("the fixtures", () => {
  it("cover every built-in control, each with an object that fails and one that passes", () => {
    expectFixtureCoverage(
      cases,
      BUILTIN_CONTROLS.map((control) => control.id),
    );
  });

  it("run on the admission policies and Gatekeeper templates generated/ holds", () => {
    const ids = (keep: (control: ManifestControl) => boolean) =>
      manifest.controls
        .filter(keep)
        .map((control) => control.id)
        .sort();
    expect(
      ids(() => true),
      "the controls of generated/manifest.json (run rampart compile)",
    ).toEqual(BUILTIN_CONTROLS.map((control) => control.id).sort());
    expect(ids((control) => control.admission.expressible)).toEqual(EXPRESSIBLE_IN_CEL);
    expect(ids((control) => control.gatekeeper.exportable)).toEqual(EXPORTED_TO_GATEKEEPER);
    expect(ids((control) => control.scope === "cross-resource")).toEqual(CROSS_RESOURCE);
  });
});

describeAgreement({
  cases,
  controls: sources,
  engines: () => builtin,
  crossResource: (id) => CROSS_RESOURCE.includes(id),
  exportedToGatekeeper: (id) => EXPORTED_TO_GATEKEEPER.includes(id),
  expressibleInCel: (id) => EXPRESSIBLE_IN_CEL.includes(id),
  costShare: 1 / 100,
  onDecision: (where, decision) => {
    for (const [expression, cost] of Object.entries(decision.costs)) {
      if (cost > largest.expression.cost) largest.expression = { cost, where: `${where}: ${expression}` };
    }
    if (decision.totalCost > largest.evaluation.cost) largest.evaluation = { cost: decision.totalCost, where };
  },
});
