// Kubescape's verdicts on a whole cluster (test/conformance/kubescape-live, see its README): a
// 1,303-object cluster read back from a real API server and the objects the real Kubescape
// failed, per control. Every implemented control that Kubescape judged must fail exactly the
// same objects, or differ exactly as frameworks/kubescape-differences.yaml lists (a listed
// difference that disappears or grows fails too). The scan is Rampart's own (policy.wasm), and
// the TypeScript checks must give it the same results on this realistic, messy data.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { loadDifferences } from "../../frameworks/differences.js";
import { DIFFERENCES_PAGE, renderDifferencesPage } from "../../frameworks/differences-page.js";
import { BUILTIN_CONTROLS, BUILTIN_FRAMEWORKS } from "../../frameworks/index.js";
import type { ControlInputValues, Engine } from "../../runtime/engine/engine.js";
import { ReferenceEngine } from "../../runtime/engine/reference.js";
import { WasmEngine } from "../../runtime/engine/wasm.js";
import { GENERATED_DIR } from "../../runtime/generated.js";
import { loadInputs } from "../../runtime/input/load.js";
import { type ControlResult, isFailing, type ResourceResult, type ScanResult, scan } from "../../runtime/scan.js";
import { builtinLibrary, selectControls } from "../../runtime/selection.js";
import { verdictOf } from "../../runtime/testing/verdicts.js";

const LIVE = path.join(import.meta.dirname, "kubescape-live");

interface LiveVerdicts {
  readonly controls: Readonly<
    Record<string, { readonly status: "failed" | "passed" | "skipped"; readonly failing?: readonly string[] }>
  >;
  readonly frameworks: Readonly<Record<string, number>>;
}

const verdicts = JSON.parse(readFileSync(path.join(LIVE, "verdicts.json"), "utf8")) as LiveVerdicts;
/** The controls Kubescape judged (the others need node host data it had not collected). */
const judged = Object.keys(verdicts.controls)
  .filter((id) => verdicts.controls[id]?.status !== "skipped")
  .sort();
const implemented = new Set(BUILTIN_CONTROLS.map((control) => control.id));
const compared = judged.filter((id) => implemented.has(id));
const differences = loadDifferences();

/** `Kind/namespace/name`, as verdicts.json names objects. */
function keyOf(resource: ResourceResult): string {
  return `${resource.object.kind}/${resource.object.namespace ?? ""}/${resource.object.name}`;
}

function failing(result: ControlResult | undefined): string[] {
  return (result?.resources ?? []).filter(isFailing).map(keyOf).sort();
}

function scanWith(engine: Engine): ScanResult {
  return scan({
    loaded: loadInputs([path.join(LIVE, "cluster.json")]),
    selection: selectControls(builtinLibrary(), compared),
    inputs: DEFAULT_CONTROL_INPUTS as ControlInputValues,
    engine,
  });
}

let wasm: ScanResult;
let typescript: ScanResult;
const resultOf = (result: ScanResult, id: string) => result.controls.find((entry) => entry.control.id === id);

beforeAll(() => {
  wasm = scanWith(WasmEngine.fromFile(path.join(GENERATED_DIR, "policy.wasm")));
  typescript = scanWith(new ReferenceEngine(new Map(BUILTIN_CONTROLS.map((control) => [control.id, control]))));
  const identical = compared.filter((id) => {
    const listed = differences.get(id)?.live;
    return (listed?.failOnlyInRampart.length ?? 0) + (listed?.failOnlyInKubescape.length ?? 0) === 0;
  });
  console.log(
    `Kubescape live cluster: evaluated ${compared.length} of ${judged.length} controls Kubescape judged; identical ${identical.length}`,
  );
});

describe("Kubescape's verdicts on a live cluster", () => {
  it("loads the whole cluster", () => {
    expect(wasm.objects.length).toBe(1303);
    expect(wasm.skippedInputs).toEqual([]);
    expect(wasm.malformed).toEqual([]);
  });

  describe.each(compared)("%s", (id) => {
    it("fails the objects Kubescape fails, apart from the listed differences", () => {
      const mine = failing(resultOf(wasm, id));
      const theirs = [...(verdicts.controls[id]?.failing ?? [])].sort();
      const listed = differences.get(id)?.live;
      expect(
        mine.filter((key) => !theirs.includes(key)),
        "failing for Rampart only (list them in frameworks/kubescape-differences.yaml with a reason, or fix the control)",
      ).toEqual([...(listed?.failOnlyInRampart ?? [])].sort());
      expect(
        theirs.filter((key) => !mine.includes(key)),
        "failing for Kubescape only (list them in frameworks/kubescape-differences.yaml with a reason, or fix the control)",
      ).toEqual([...(listed?.failOnlyInKubescape ?? [])].sort());
    });

    it("gives the same results in TypeScript and policy.wasm", () => {
      const summary = (result: ControlResult | undefined) =>
        (result?.resources ?? []).map((resource) => ({
          object: keyOf(resource),
          status: resource.status,
          verdict: verdictOf(resource.status === "error" ? "error" : resource.violations),
        }));
      expect(summary(resultOf(typescript, id))).toEqual(summary(resultOf(wasm, id)));
    });
  });

  it("lists live differences only for controls compared here", () => {
    const stale = [...differences.values()]
      .filter((entry) => entry.live.failOnlyInRampart.length + entry.live.failOnlyInKubescape.length > 0)
      .map((entry) => entry.control)
      .filter((id) => !compared.includes(id));
    expect(stale).toEqual([]);
  });

  it("gives Kubescape's framework scores once a framework's controls are all implemented, but for the listed differences", () => {
    const checked: string[] = [];
    for (const [name, figure] of Object.entries(verdicts.frameworks)) {
      const framework = BUILTIN_FRAMEWORKS.find((entry) => entry.name === name);
      expect(framework, `framework ${name}`).toBeDefined();
      const members = (framework?.controlIds ?? []).filter((id) => judged.includes(id));
      const missing = members.filter((id) => !implemented.has(id));
      if (missing.length > 0) {
        console.log(`framework ${name}: score not compared yet, ${missing.length} controls to implement`);
        continue;
      }
      // Each control's score as Rampart counts resources, with the objects Kubescape fails: the
      // listed differences are the only reason Rampart's own figure may differ from Kubescape's.
      const scores = members.map((id) => {
        const resources = resultOf(wasm, id)?.resources ?? [];
        const failed = new Set(verdicts.controls[id]?.failing ?? []);
        const passed = resources.filter((resource) => !failed.has(keyOf(resource))).length;
        return resources.length === 0 ? 100 : (passed / resources.length) * 100;
      });
      const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
      expect(mean, `${name}: Kubescape's compliance score from Rampart's resource counts`).toBeCloseTo(figure, 2);
      checked.push(name);
    }
    console.log(`framework scores compared with Kubescape's: ${checked.join(", ") || "none yet"}`);
  });
});

describe("the page of differences users read (docs/kubescape-differences.md)", () => {
  it("is written from frameworks/kubescape-differences.yaml (npm run docs)", () => {
    expect(readFileSync(DIFFERENCES_PAGE, "utf8")).toBe(renderDifferencesPage(differences));
  });

  it("names every listed control, with what differs and why", () => {
    const page = readFileSync(DIFFERENCES_PAGE, "utf8");
    for (const entry of differences.values()) expect(page).toContain(`| ${entry.control} `);
  });
});
