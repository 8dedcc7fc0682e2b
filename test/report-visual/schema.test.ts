// The JSON Schema of Rampart's report (runtime/report/schema/report-v1.schema.json), checked by
// Ajv (draft 2020-12, formats on) against real reports: every framework, exceptions applied,
// expired and unused, skipped inputs, hostile names, List items and Helm templates, warn-only
// controls, a scan with nothing evaluated, and an object that could not be evaluated.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import type { Engine } from "../../runtime/engine/engine.js";
import { loadInputs } from "../../runtime/input/load.js";
import { jsonReport } from "../../runtime/report/json.js";
import { scan } from "../../runtime/scan.js";
import { builtinLibrary, selectControls } from "../../runtime/selection.js";
import { jsonOf as jsonReportOf } from "../support/cli.js";
import { EXAMPLES, type Inputs, scanArgs, writeInputs } from "./support.js";

const SCHEMA_FILE = path.join(PROJECT_ROOT, "runtime/report/schema/report-v1.schema.json");
const schema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as Record<string, unknown>;
const ajv = new Ajv2020({ strict: true, allErrors: true });
formats.default(ajv);
const validate = ajv.compile(schema);

function expectValid(report: unknown): void {
  const valid = validate(report);
  expect(ajv.errorsText(validate.errors, { separator: "\n" })).toBe("No errors");
  expect(valid).toBe(true);
}

/** A report as plain JSON, for the validator and for breaking it. */
const jsonOf = (args: readonly string[], stdin = "") => jsonReportOf<Record<string, unknown>>(args, stdin);

let inputs: Inputs;

beforeAll(() => {
  inputs = writeInputs("schema");
});

describe("report-v1.schema.json", () => {
  it("is a valid draft 2020-12 schema", () => {
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  it("accepts the NSA scan of the examples", async () => {
    expectValid(await jsonOf(["scan", "framework", "nsa", EXAMPLES]));
  });

  it("accepts every framework at once", async () => {
    expectValid(await jsonOf(["scan", EXAMPLES]));
  });

  it("accepts exceptions (applied, expired, unused), skipped inputs and hostile names", async () => {
    const report = await jsonOf(scanArgs(inputs));
    expectValid(report);
    expect(report.skippedInputs).toHaveLength(1);
    expect((report.exceptions as Array<{ status: string }>).map((use) => use.status)).toEqual([
      "applied",
      "expired",
      "unused",
    ]);
  });

  it("accepts List items, Helm templates, standard input and warn-only controls", async () => {
    const list = path.join(inputs.folder, "list.json");
    writeFileSync(
      list,
      JSON.stringify({
        apiVersion: "v1",
        kind: "List",
        items: [{ apiVersion: "v1", kind: "Pod", metadata: { name: "a" }, spec: { containers: [{ name: "c" }] } }],
      }),
    );
    const config = path.join(inputs.folder, "controls.yaml");
    writeFileSync(config, "controls:\n  C-0016: { severity: critical, action: warn }\n");
    const helm =
      "---\n# Source: chart/templates/pod.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: from-helm\nspec:\n  containers: [{name: c}]\n";
    const report = await jsonOf(["scan", "control", "C-0016,C-0057", list, "-", "--controls-config", config], helm);
    expectValid(report);
    expect(JSON.stringify(report)).toContain('"template":"chart/templates/pod.yaml"');
    expect(JSON.stringify(report)).toContain('"action":"warn"');
  });

  it("accepts a scan where nothing was evaluated (null scores, no frameworks)", async () => {
    const report = await jsonOf(["scan", "control", "C-0001", EXAMPLES]);
    expectValid(report);
    expect((report.summaryDetails as { score: unknown }).score).toBeNull();
  });

  it("accepts an object that could not be evaluated (status error)", async () => {
    const library = builtinLibrary();
    const loaded = loadInputs([path.join(EXAMPLES, "web-app.yaml")]);
    const engine: Engine = {
      prepare: () => {},
      evaluate: (objects, ids) =>
        new Map(
          ids.map((id) => [id, objects.map((_, index) => ({ index, error: "spec.template: expected an object" }))]),
        ),
    };
    const result = await scan({ loaded, selection: selectControls(library, ["C-0016"]), inputs: {} as never, engine });
    const report = jsonReport(result, { version: "0.0.0", scanDate: new Date(0), clusterName: "", targets: ["x"] });
    expect(report.results[0]?.resources.map((resource) => resource.status)).toContain("error");
    expectValid(JSON.parse(JSON.stringify(report)));
  });

  it("rejects reports that break it", async () => {
    // Without node facts the node controls are skipped, with their reason.
    const report = await jsonOf(["scan", "framework", "nsa", path.join(EXAMPLES, "web-app.yaml")]);
    const broken = (change: (copy: Record<string, unknown>) => void) => {
      const copy = structuredClone(report);
      change(copy);
      return validate(copy);
    };
    expect(broken((copy) => delete copy.summaryDetails)).toBe(false);
    expect(broken((copy) => (copy.reportVersion = "rampart.dev/report/v2"))).toBe(false);
    expect(broken((copy) => (copy.scanDate = "yesterday"))).toBe(false);
    expect(broken((copy) => (copy.unexpected = true))).toBe(false);
    expect(
      broken((copy) => {
        (copy.results as Array<{ status: string }>)[0]!.status = "ok";
      }),
    ).toBe(false);
    expect(
      broken((copy) => {
        const skipped = (copy.results as Array<{ status: string; statusReason?: string }>).find(
          (result) => result.status === "skipped",
        );
        delete skipped?.statusReason;
      }),
    ).toBe(false);
    expect(
      broken((copy) => {
        (copy.summaryDetails as { complianceScore: number }).complianceScore = 140;
      }),
    ).toBe(false);
  });
});
