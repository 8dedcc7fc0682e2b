// The DSL's image, quantity, port and RBAC helpers (parseImage, compareQuantities, isQuantity,
// containerPorts, ruleAllows, rulesAllowing) through every engine. Test controls
// (test/fixtures/helpers/controls) put each helper's results in their violation messages, and
// others use the helpers as a control author would; their fixtures hold the tricky inputs. They
// are compiled here like a user's controls, and every case goes through the TypeScript check,
// policy.wasm, `opa eval`, Gatekeeper (`gator test`), the admission policy evaluated in
// TypeScript and the API server's own CEL (the oracle): verdicts, violations, paths and deny
// messages must be identical.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseKubernetesVersion } from "../../compiler/backends/cel/features.js";
import { compile } from "../../compiler/compile.js";
import { formatDiagnostic } from "../../compiler/diagnostics.js";
import { writeTree } from "../../compiler/output.js";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import type { Control } from "../../dsl/index.js";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { FixtureEngines } from "../../runtime/testing/engines.js";
import { type ConcreteCase, loadFixtures } from "../../runtime/testing/fixtures.js";
import { type CaseResult, expectAgreement, runCases } from "../support/agreement.js";

const HELPERS = path.join(PROJECT_ROOT, "test", "fixtures", "helpers");
const CONTROL_FILES = readdirSync(path.join(HELPERS, "controls"))
  .filter((file) => file.endsWith(".ts"))
  .sort()
  .map((file) => path.join(HELPERS, "controls", file));
/** Every helper control is expected to have an admission policy (1.35, the default target). */
const EXPRESSIBLE = ["H-0001", "H-0002", "H-0003", "H-0004", "H-0005", "H-0006", "H-0007", "H-0008", "H-0009"];

/**
 * Quantity-like strings built from the grammar's parts (signs, digits, fractions, suffixes and
 * near misses) by a seeded generator, twelve to a Pod so that H-0003 compares each with the others.
 */
function generatedQuantityCases(count: number): ConcreteCase[] {
  let state = 20260611;
  const pick = <T>(list: readonly T[]): T => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return list[Math.floor(state / 65536) % list.length] as T;
  };
  const digits = () => Array.from({ length: pick([1, 2, 3, 9, 18, 19, 21]) }, () => pick([..."0123456789"])).join("");
  const signs = ["", "", "+", "-"];
  const wholes = () => pick(["", "0", "1", "07", "000", digits()]);
  const fractions = () => pick(["", "", ".", ".5", ".000000001", `.${digits()}`]);
  const suffixes = [..."mnukMGTPE", "", "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "e3", "E-12", "e+0", "e-30", "e19"];
  const nearMisses = ["K", "i", "e", "mi", " ", "Kib", "e+", "1", "."];
  const texts = Array.from({ length: count }, () => {
    const suffix = pick([0, 1, 2, 3, 4, 5, 6]) === 0 ? pick(nearMisses) : pick(suffixes);
    return `${pick(signs)}${wholes()}${fractions()}${suffix}`;
  });
  const cases: ConcreteCase[] = [];
  for (let start = 0; start < texts.length; start += 12) {
    const annotations = Object.fromEntries(texts.slice(start, start + 12).map((text, i) => [`q${i}`, text]));
    const name = `generated-${start / 12}`;
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name, annotations },
      spec: { containers: [{ name: "app", image: "nginx" }] },
    };
    const fails = [
      ...Object.keys(annotations).map((key) => `metadata.annotations[${key}]`),
      "spec.containers[0].resources",
    ];
    cases.push({
      control: "H-0003",
      name: `generated quantities ${start}-${start + 11}: ${Object.values(annotations).join(" ")}`,
      file: "(generated)",
      objects: [pod],
      expectations: [{ label: `Pod/${name}`, objectIndex: 0, fails }],
      inputs: DEFAULT_CONTROL_INPUTS,
    });
  }
  return cases;
}

const controls = new Map<string, Control>();
for (const file of CONTROL_FILES) {
  const module = (await import(pathToFileURL(file).href)) as { default: Control };
  controls.set(module.default.id, module.default);
}
/** Each case runs with the parameters of its control at their defaults, or as the case sets them. */
const cases = [
  ...loadFixtures(path.join(HELPERS, "fixtures"), (id) => controls.get(id)?.parameters),
  ...generatedQuantityCases(192),
];
const work = mkdtempSync(path.join(tmpdir(), "rampart-helpers-"));
let engines: FixtureEngines;
let expressible: string[] = [];
let largestCost = { cost: 0, where: "" };
let largestTotal = { cost: 0, where: "" };

beforeAll(() => {
  const version = parseKubernetesVersion("1.35");
  if (version === undefined) throw new Error("1.35");
  const result = compile({
    controlFiles: CONTROL_FILES,
    frameworks: [],
    tsconfig: path.join(PROJECT_ROOT, "tsconfig.json"),
    root: PROJECT_ROOT,
    kubernetesVersion: version,
    controlInputs: DEFAULT_CONTROL_INPUTS,
    inputDefaults: DEFAULT_CONTROL_INPUTS,
    withOpa: true,
  });
  expect(result.diagnostics.map((diagnostic) => formatDiagnostic(diagnostic, undefined, PROJECT_ROOT))).toEqual([]);
  expressible = result.controls.filter((c) => c.admission.expressible).map((c) => c.ir.metadata.id);
  writeTree(path.join(work, "generated"), result.files);
  engines = new FixtureEngines(controls, path.join(work, "generated"));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  console.log(
    `largest CEL cost of a helper control: ${largestCost.cost} for one expression (${largestCost.where}), ${largestTotal.cost} for one policy evaluation (${largestTotal.where})`,
  );
});

it("compiles every helper control to an admission policy", () => {
  expect(expressible).toEqual(EXPRESSIBLE);
  expect(EXPRESSIBLE).toEqual([...controls.keys()].sort());
});

it("has fixtures for every helper control, each with an object that fails and one that passes", () => {
  const ids = [...controls.keys()].sort();
  expect([...new Set(cases.map((entry) => entry.control))].sort()).toEqual(ids);
  const outcomes = (pass: boolean) =>
    ids.filter((id) =>
      cases.some(
        (entry) =>
          entry.control === id && entry.expectations.some((expectation) => (expectation.fails.length === 0) === pass),
      ),
    );
  expect(outcomes(false), "controls with a failing object").toEqual(ids);
  expect(outcomes(true), "controls with a passing object").toEqual(ids);
});

describe.each([...new Set(cases.map((entry) => entry.control))])("%s", (id) => {
  const mine = cases.filter((entry) => entry.control === id);
  let results = new Map<ConcreteCase, CaseResult>();

  beforeAll(() => {
    results = runCases(id, mine, () => false, engines);
  });

  for (const entry of mine) {
    describe(entry.name, () => {
      for (const expectation of entry.expectations) {
        it(expectation.label, () => {
          const control = controls.get(id);
          if (control === undefined) throw new Error(`no TypeScript control ${id}`);
          const decision = expectAgreement({
            control,
            entry,
            expectation,
            result: results.get(entry),
            exportedToGatekeeper: true,
            expressibleInCel: true,
            // H-0003's message compares twelve annotations pairwise: its largest expression costs
            // about 98,000 (a tenth of the limit), one evaluation about 143,000. A fifth of the
            // limits leaves twice that room.
            costShare: 1 / 5,
          });
          for (const [expression, cost] of Object.entries(decision?.costs ?? {})) {
            if (cost > largestCost.cost) largestCost = { cost, where: `${id} ${expression}, ${entry.name}` };
          }
          const total = decision?.totalCost ?? 0;
          if (total > largestTotal.cost) largestTotal = { cost: total, where: `${id}, ${entry.name}` };
        });
      }
    });
  }
});
