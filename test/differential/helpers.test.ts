// The DSL's image, quantity, port, RBAC and selector helpers (parseImage, compareQuantities,
// isQuantity, containerPorts, ruleAllows, rulesAllowing, selectorMatches, mapSelectorMatches)
// through every engine. Test controls
// (test/fixtures/helpers/controls) put each helper's results in their violation messages, and
// others use the helpers as a control author would; their fixtures hold the tricky inputs. They
// are compiled here like a user's controls, and every case goes through the TypeScript check,
// policy.wasm, `opa eval`, Gatekeeper (`gator test`), the admission policy evaluated in
// TypeScript and the API server's own CEL (the oracle): verdicts, violations, paths and deny
// messages must be identical.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { FixtureEngines } from "../../runtime/testing/engines.js";
import { type ConcreteCase, loadFixtures } from "../../runtime/testing/fixtures.js";
import { describeAgreement, expectFixtureCoverage } from "../support/agreement.js";
import { compileTestControls, controlFilesIn, importControls } from "../support/compile.js";

const HELPERS = path.join(PROJECT_ROOT, "test", "fixtures", "helpers");
const CONTROL_FILES = controlFilesIn(path.join(HELPERS, "controls"));
/** Every helper control is expected to have an admission policy (1.35, the default target). */
const EXPRESSIBLE = [
  "H-0001",
  "H-0002",
  "H-0003",
  "H-0004",
  "H-0005",
  "H-0006",
  "H-0007",
  "H-0008",
  "H-0009",
  "H-0010",
  "H-0011",
];

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

const controls = await importControls(CONTROL_FILES);
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
  const result = compileTestControls(CONTROL_FILES, path.join(work, "generated"));
  expressible = result.controls.filter((c) => c.admission.expressible).map((c) => c.ir.metadata.id);
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
  expectFixtureCoverage(cases, [...controls.keys()]);
});

describeAgreement({
  cases,
  controls,
  engines: () => engines,
  crossResource: () => false,
  exportedToGatekeeper: () => true,
  expressibleInCel: () => true,
  // H-0003's message compares twelve annotations pairwise: its largest expression costs about
  // 98,000 (a tenth of the limit), one evaluation about 143,000. A fifth of the limits leaves
  // twice that room.
  costShare: 1 / 5,
  onDecision: (where, decision) => {
    for (const [expression, cost] of Object.entries(decision.costs)) {
      if (cost > largestCost.cost) largestCost = { cost, where: `${where}: ${expression}` };
    }
    if (decision.totalCost > largestTotal.cost) largestTotal = { cost: decision.totalCost, where };
  },
});
