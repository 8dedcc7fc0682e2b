// Proof that fixing works: every failing fixture object of every control is fixed the two ways
// `rampart fix` offers — its file edited in place, and its JSON patch applied to the object as
// `kubectl patch` would — and scanned again: the control must pass, and no other control may
// start failing (a fix that breaks another control is caught here). Values to choose take their
// documented defaults (--defaults).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { BUILTIN_CONTROLS } from "../../frameworks/index.js";
import type { ControlInputValues, KubeObject } from "../../runtime/engine/engine.js";
import { WasmEngine } from "../../runtime/engine/wasm.js";
import { editFile } from "../../runtime/fix/files.js";
import { applyPatch } from "../../runtime/fix/json-patch.js";
import { planFixes } from "../../runtime/fix/plan.js";
import { GENERATED_DIR } from "../../runtime/generated.js";
import { type LoadResult, loadInputs } from "../../runtime/input/load.js";
import { isFailing, type ScanResult, scan } from "../../runtime/scan.js";
import { builtinLibrary, selectControls } from "../../runtime/selection.js";
import { type ConcreteCase, loadFixtures } from "../../runtime/testing/fixtures.js";

const work = mkdtempSync(path.join(tmpdir(), "rampart-fix-rescan-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const engine = WasmEngine.fromFile(path.join(GENERATED_DIR, "policy.wasm"));
const library = builtinLibrary();
const everyControl = selectControls(
  library,
  BUILTIN_CONTROLS.map((control) => control.id),
);
const DEFAULTS = { fixValues: new Map<string, string>(), defaults: true };

function scanned(loaded: LoadResult, inputs: ControlInputValues, ids?: readonly string[]): Promise<ScanResult> {
  return scan({
    loaded,
    selection: ids === undefined ? everyControl : selectControls(library, ids),
    inputs,
    engine,
  });
}

/** Control ID → whether it fails the object at `index` of the scan. */
function failingControls(result: ScanResult, index: number): Set<string> {
  return new Set(
    result.controls
      .filter((control) => control.resources.some((resource) => resource.object.index === index && isFailing(resource)))
      .map((control) => control.control.id),
  );
}

let file = 0;
function written(objects: readonly KubeObject[]): string {
  file += 1;
  const target = path.join(work, `case-${file}.yaml`);
  writeFileSync(target, objects.map((object) => stringify(object)).join("---\n"));
  return target;
}

interface Outcome {
  readonly fixed: number;
  readonly problems: string[];
}

/** Fixes the case's failing objects of its control both ways and checks the rescans. */
async function fixAndRescan(entry: ConcreteCase): Promise<Outcome> {
  const target = written(entry.objects);
  const before = await scanned(loadInputs([target]), entry.inputs);
  const plans = planFixes(await scanned(loadInputs([target]), entry.inputs, [entry.control]), DEFAULTS).filter(
    (plan) => plan.unfixed.length === 0 && plan.patch.length > 0,
  );
  const problems: string[] = [];
  const check = (label: string, after: ScanResult, index: number) => {
    const was = failingControls(before, index);
    const now = failingControls(after, index);
    if (now.has(entry.control)) problems.push(`${label}: ${entry.control} still fails`);
    for (const id of now) if (!was.has(id)) problems.push(`${label}: ${id} starts failing`);
  };
  // In place: the file edited as `rampart fix` edits it.
  const edit = editFile(target, readFileSync(target, "utf8"), plans);
  for (const skipped of edit.skipped) problems.push(`object ${skipped.fix.object.index}: ${skipped.reason}`);
  writeFileSync(target, edit.after);
  const afterEdit = await scanned(loadInputs([target]), entry.inputs);
  for (const plan of plans) check(`file edit of object ${plan.object.index}`, afterEdit, plan.object.index);
  // In the cluster: each object's JSON patch applied to it as scanned.
  const patched = entry.objects.map((object, index) => {
    const plan = plans.find((candidate) => candidate.object.index === index);
    return plan === undefined ? object : (applyPatch(before.objects[index]?.object, plan.patch) as KubeObject);
  });
  const afterPatch = await scanned(loadInputs([written(patched)]), entry.inputs);
  for (const plan of plans) check(`JSON patch of object ${plan.object.index}`, afterPatch, plan.object.index);
  return { fixed: plans.length, problems };
}

const declared = (id: string) => BUILTIN_CONTROLS.find((control) => control.id === id)?.parameters;
const cases = loadFixtures(undefined, declared).filter((entry) =>
  entry.expectations.some((expectation) => expectation.fails.length > 0),
);
const fixedControls = new Set<string>();

describe.each(cases.map((entry) => [`${entry.control}: ${entry.name}`, entry] as const))("%s", (_label, entry) => {
  it("is fixed in its file and by its JSON patch, and the rescan proves it", async () => {
    const outcome = await fixAndRescan(entry);
    expect(outcome.problems).toEqual([]);
    if (outcome.fixed > 0) fixedControls.add(entry.control);
  });
});

describe("the fixes proven", () => {
  it("cover every control whose violations carry fixes that apply (a value to choose without a default does not)", async () => {
    const withFixes: string[] = [];
    for (const control of BUILTIN_CONTROLS) {
      for (const entry of cases.filter((candidate) => candidate.control === control.id)) {
        const loaded = {
          objects: entry.objects.map((object, index) => ({
            object,
            source: { file: "case", documentIndex: index, line: 1 },
          })),
          skipped: [],
        };
        const plans = planFixes(await scanned(loaded, entry.inputs, [control.id]), DEFAULTS);
        if (plans.some((plan) => plan.patch.length > 0)) {
          withFixes.push(control.id);
          break;
        }
      }
    }
    expect(withFixes.length).toBeGreaterThan(5);
    expect([...fixedControls].sort()).toEqual(withFixes.sort());
  });
});
