// Failure locations read only the files that hold failures, each once; objects that could not be
// evaluated are failures in every format; the three formats are written side by side by one scan.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EMPTY_CONTROLS_CONFIG, effectiveInputs } from "../../runtime/config/controls-config.js";
import { builtinEngine } from "../../runtime/generated.js";
import { loadInputs } from "../../runtime/input/load.js";
import { junitReport } from "../../runtime/report/junit.js";
import { failureLocations } from "../../runtime/report/locations.js";
import { prometheusReport } from "../../runtime/report/prometheus.js";
import { sarifReport } from "../../runtime/report/sarif.js";
import { type ControlResult, type ScanResult, scan } from "../../runtime/scan.js";
import { builtinLibrary, selectControls, selectFrameworks } from "../../runtime/selection.js";
import { rampart } from "../e2e/run-cli.js";
import { EXAMPLES, workFolder } from "./support.js";

const file = workFolder();

describe("failure locations", () => {
  it("reads each file with failures once, and no other file", async () => {
    const compliant = file(
      "compliant.yaml",
      "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: quiet, namespace: shop}\nautomountServiceAccountToken: false\n",
    );
    const selection = selectFrameworks(builtinLibrary(), ["nsa"]);
    const { engine, inventoryKinds } = builtinEngine(selection);
    const result = await scan({
      loaded: loadInputs([EXAMPLES, compliant]),
      selection,
      inputs: effectiveInputs(EMPTY_CONTROLS_CONFIG),
      engine,
      inventoryKinds,
    });
    const reads: string[] = [];
    const locations = failureLocations(result, (name) => {
      reads.push(name);
      return readFileSync(name, "utf8");
    });
    expect(reads).toEqual(
      [
        "batch.yaml",
        "node-agent.yaml",
        "web-app.yaml",
        "control-plane/hardened.yaml",
        "control-plane/kubeadm-defaults.yaml",
      ].map((name) => path.join(EXAMPLES, name)),
    );
    const web = result.objects.find((object) => object.resourceID === "apps/v1/shop/Deployment/web");
    if (web === undefined) throw new Error("no Deployment web");
    expect(locations.at(web, "spec.template.spec.containers[1].env[0].value")).toEqual({
      file: path.join(EXAMPLES, "web-app.yaml"),
      line: 50,
      column: 15,
    });
    // A path no failure named is not looked up: the object's first line.
    expect(locations.at(web, "spec.replicas")).toEqual({ file: path.join(EXAMPLES, "web-app.yaml"), line: 10 });
  });
});

describe("failure locations of one scan", () => {
  it("are looked up once, however many formats ask", async () => {
    const selection = selectControls(builtinLibrary(), ["C-0016"]);
    const { engine, inventoryKinds } = builtinEngine(selection);
    const result = await scan({
      loaded: loadInputs([EXAMPLES]),
      selection,
      inputs: effectiveInputs(EMPTY_CONTROLS_CONFIG),
      engine,
      inventoryKinds,
    });
    expect(failureLocations(result)).toBe(failureLocations(result));
  });
});

describe("objects a control could not evaluate", () => {
  it("are failures in every format, with the engine's error as the message", async () => {
    const selection = selectControls(builtinLibrary(), ["C-0057"]);
    const { engine, inventoryKinds } = builtinEngine(selection);
    const scanned = await scan({
      loaded: loadInputs([path.join(EXAMPLES, "node-agent.yaml")]),
      selection,
      inputs: effectiveInputs(EMPTY_CONTROLS_CONFIG),
      engine,
      inventoryKinds,
    });
    // The engine reports an error for an object of an unexpected shape; here one is made up.
    const control = scanned.controls[0] as ControlResult;
    const errored: ControlResult = {
      ...control,
      resources: control.resources.map((resource) => ({
        object: resource.object,
        status: "error" as const,
        violations: [],
        error: "spec.template.spec.containers: expected an array <got 5>",
      })),
    };
    const result: ScanResult = { ...scanned, controls: [errored] };
    const context = { version: "test", scanDate: new Date(0), clusterName: "", targets: [] };
    const sarif = sarifReport(result, context);
    expect(sarif.runs[0]?.results.map((entry) => [entry.message.text, entry.properties.status])).toEqual([
      ["could not be evaluated: spec.template.spec.containers: expected an array <got 5>", "error"],
    ]);
    expect(sarif.runs[0]?.results[0]?.locations[0]?.physicalLocation.region).toEqual({ startLine: 2 });
    const junit = junitReport(result, context);
    expect(junit).toContain("could not be evaluated: spec.template.spec.containers: expected an array &lt;got 5&gt;");
    expect(prometheusReport(result)).toContain(
      'rampart_object_failed_count{control_id="C-0057",control_name="Privileged container",severity="High",namespace="monitoring",name="node-agent",groupVersionKind="apps/v1/DaemonSet"} 1',
    );
  });
});

describe("several formats at once", () => {
  it("writes report.sarif, report.xml and report.prom into a folder", async () => {
    const folder = `${file("reports")}/`;
    mkdirSync(folder);
    const run = await rampart([
      "scan",
      "framework",
      "nsa",
      EXAMPLES,
      "--format",
      "sarif,junit,prometheus",
      "--output",
      folder,
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    for (const name of ["report.sarif", "report.xml", "report.prom"])
      expect(existsSync(path.join(folder, name))).toBe(true);
    expect(JSON.parse(readFileSync(path.join(folder, "report.sarif"), "utf8")).version).toBe("2.1.0");
    expect(readFileSync(path.join(folder, "report.xml"), "utf8")).toMatch(/^<\?xml version="1.0"/);
    expect(readFileSync(path.join(folder, "report.prom"), "utf8")).toMatch(/^# HELP rampart_score /);
  });
});
