// Names chosen by the author that a back end also uses: locals and helper functions named like
// Rego builtins and Gatekeeper's entry rules, and callback parameters named like the variables
// the CEL printer introduces. Test controls (test/fixtures/names/controls) use such names and
// their fixtures run through every engine: TypeScript, policy.wasm, `opa eval`, Gatekeeper
// (`gator test`), the admission policy evaluated in TypeScript and the API server's own CEL.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseKubernetesVersion } from "../../compiler/backends/cel/features.js";
import { type CompiledControl, compile } from "../../compiler/compile.js";
import { formatDiagnostic } from "../../compiler/diagnostics.js";
import { writeTree } from "../../compiler/output.js";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import type { Control } from "../../dsl/index.js";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { FixtureEngines } from "../../runtime/testing/engines.js";
import { type ConcreteCase, loadFixtures } from "../../runtime/testing/fixtures.js";
import { type CaseResult, expectAgreement, runCases } from "../support/agreement.js";

const NAMES = path.join(PROJECT_ROOT, "test", "fixtures", "names");
const CONTROL_FILES = readdirSync(path.join(NAMES, "controls"))
  .filter((file) => file.endsWith(".ts"))
  .sort()
  .map((file) => path.join(NAMES, "controls", file));
/** The controls CEL cannot express, with the reason the compiler gives. */
const NOT_EXPRESSIBLE: Record<string, string> = {
  "N-0003":
    "uses toLowerCase(), which lowers all of Unicode while CEL lowers ASCII only: use lowerAscii() from the DSL",
};

const controls = new Map<string, Control>();
for (const file of CONTROL_FILES) {
  const module = (await import(pathToFileURL(file).href)) as { default: Control };
  controls.set(module.default.id, module.default);
}
const cases = loadFixtures(path.join(NAMES, "fixtures"), (id) => controls.get(id)?.parameters);
const work = mkdtempSync(path.join(tmpdir(), "rampart-names-"));
let engines: FixtureEngines;
let compiled: readonly CompiledControl[] = [];

beforeAll(() => {
  const version = parseKubernetesVersion("1.35");
  if (version === undefined) throw new Error("1.35");
  // withOpa: the Rego passes `opa check --strict` before policy.wasm is built.
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
  compiled = result.controls;
  writeTree(path.join(work, "generated"), result.files);
  engines = new FixtureEngines(controls, path.join(work, "generated"));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

it("compiles every control to a Gatekeeper template, and to an admission policy where CEL can express it", () => {
  expect(compiled.map((control) => control.ir.metadata.id)).toEqual([...controls.keys()].sort());
  for (const { ir, admission, gatekeeper } of compiled) {
    expect(gatekeeper.exportable ? "exportable" : gatekeeper.reason, ir.metadata.id).toBe("exportable");
    const reason = NOT_EXPRESSIBLE[ir.metadata.id];
    expect(admission.expressible ? undefined : admission.reason, ir.metadata.id).toBe(reason);
  }
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
          expectAgreement({
            control,
            entry,
            expectation,
            result: results.get(entry),
            exportedToGatekeeper: true,
            expressibleInCel: NOT_EXPRESSIBLE[id] === undefined,
            costShare: 1,
          });
        });
      }
    });
  }
});
