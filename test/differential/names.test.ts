// Names chosen by the author that a back end also uses: locals and helper functions named like
// Rego builtins and Gatekeeper's entry rules, and callback parameters named like the variables
// the CEL printer introduces. Test controls (test/fixtures/names/controls) use such names and
// their fixtures run through every engine: TypeScript, policy.wasm, `opa eval`, Gatekeeper
// (`gator test`), the admission policy evaluated in TypeScript and the API server's own CEL.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { CompiledControl } from "../../compiler/compile.js";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import { FixtureEngines } from "../../runtime/testing/engines.js";
import { loadFixtures } from "../../runtime/testing/fixtures.js";
import { describeAgreement, expectFixtureCoverage } from "../support/agreement.js";
import { compileTestControls, controlFilesIn, importControls } from "../support/compile.js";

const NAMES = path.join(PROJECT_ROOT, "test", "fixtures", "names");
const CONTROL_FILES = controlFilesIn(path.join(NAMES, "controls"));
/** The controls CEL cannot express, with the reason the compiler gives. */
const NOT_EXPRESSIBLE: Record<string, string> = {
  "N-0003":
    "uses toLowerCase(), which lowers all of Unicode while CEL lowers ASCII only: use lowerAscii() from the DSL",
};

const controls = await importControls(CONTROL_FILES);
const cases = loadFixtures(path.join(NAMES, "fixtures"), (id) => controls.get(id)?.parameters);
const work = mkdtempSync(path.join(tmpdir(), "rampart-names-"));
let engines: FixtureEngines;
let compiled: readonly CompiledControl[] = [];

beforeAll(() => {
  // withOpa: the Rego passes `opa check --strict` before policy.wasm is built.
  compiled = compileTestControls(CONTROL_FILES, path.join(work, "generated")).controls;
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

it("has fixtures for every control, each with an object that fails and one that passes", () => {
  expectFixtureCoverage(cases, [...controls.keys()]);
});

describeAgreement({
  cases,
  controls,
  engines: () => engines,
  crossResource: () => false,
  exportedToGatekeeper: () => true,
  expressibleInCel: (id) => NOT_EXPRESSIBLE[id] === undefined,
  costShare: 1,
});
