// `--format json --format-version kubescape-v2`, read the way Kubescape users read their v2
// reports: jq paths into summaryDetails (controls keyed by ID, ResourceCounters, scores) and into
// results[].controls[] (status.status, rules[].paths[].fixPath/failedPath).
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { JsonReport } from "../../runtime/report/json.js";
import { rampart } from "../e2e/run-cli.js";
import { jq } from "../support/cli.js";
import { EXAMPLES, type Inputs, readJson, renderAll, scanArgs, writeInputs } from "./support.js";

let inputs: Inputs;
let plain: string;
let withExceptions: string;
let v1: JsonReport;

async function kubescape(args: readonly string[], file: string): Promise<string> {
  const run = await rampart([...args, "--format", "json", "--format-version", "kubescape-v2", "--output", file]);
  expect(run.code).toBe(0);
  return file;
}

beforeAll(async () => {
  inputs = writeInputs("kubescape");
  plain = await kubescape(["scan", "framework", "nsa", EXAMPLES], path.join(inputs.folder, "plain.json"));
  withExceptions = await kubescape(scanArgs(inputs), path.join(inputs.folder, "exceptions.json"));
  const files = await renderAll(scanArgs(inputs), ["json"], inputs.folder);
  v1 = readJson(files.json as string);
});

describe("the jq paths of Kubescape v2 reports", () => {
  it('.summaryDetails.controls["C-0016"].ResourceCounters.failedResources', () => {
    expect(jq(plain, '.summaryDetails.controls["C-0016"].ResourceCounters.failedResources')).toBe(11);
    expect(jq(plain, '.summaryDetails.controls["C-0016"].ResourceCounters')).toEqual({
      passedResources: 1,
      failedResources: 11,
      skippedResources: 0,
      excludedResources: 0,
    });
    expect(
      jq(plain, '.summaryDetails.controls["C-0016"] | {controlID, name, status, scoreFactor, complianceScore}'),
    ).toEqual({
      controlID: "C-0016",
      name: "Allow privilege escalation",
      status: "failed",
      scoreFactor: 6,
      complianceScore: 8.33,
    });
  });

  it(".results[].controls[].status.status", () => {
    const statuses = jq(plain, "[.results[].controls[].status.status] | unique");
    expect(statuses).toEqual(["failed", "passed"]);
    expect(
      jq(
        plain,
        '.results[] | select(.resourceID == "apps/v1/shop/Deployment/web") | .controls[] | select(.controlID == "C-0016") | .rules[0].paths',
      ),
    ).toEqual([
      {
        fixPath: { path: "spec.template.spec.containers[1].securityContext.allowPrivilegeEscalation", value: "false" },
      },
    ]);
    expect(
      jq(
        plain,
        '.results[] | select(.resourceID == "apps/v1/shop/Deployment/web") | .controls[] | select(.controlID == "C-0046") | .rules[0].paths',
      ),
    ).toEqual([{ deletePath: "spec.template.spec.containers[1].securityContext.capabilities.add[0]" }]);
  });

  it(".summaryDetails.complianceScore and .score (risk) are the scores of Rampart's report", () => {
    expect(jq(withExceptions, ".summaryDetails.complianceScore")).toBe(v1.summaryDetails.complianceScore);
    expect(jq(withExceptions, ".summaryDetails.score")).toBe(v1.summaryDetails.riskScore);
    expect(jq(withExceptions, ".summaryDetails.frameworks[] | {name, complianceScore, score}")).toEqual({
      name: "NSA",
      complianceScore: v1.summaryDetails.frameworks[0]?.complianceScore,
      score: v1.summaryDetails.frameworks[0]?.riskScore,
    });
    expect(jq(withExceptions, ".summaryDetails.controlsSeverityCounters")).toEqual({
      criticalSeverity: v1.summaryDetails.failedControlsBySeverity.critical,
      highSeverity: v1.summaryDetails.failedControlsBySeverity.high,
      mediumSeverity: v1.summaryDetails.failedControlsBySeverity.medium,
      lowSeverity: v1.summaryDetails.failedControlsBySeverity.low,
    });
  });

  it(".summaryDetails.ResourceCounters counts objects by their worst verdict", () => {
    expect(jq(withExceptions, ".summaryDetails.ResourceCounters")).toEqual({
      passedResources: v1.summaryDetails.resources.passed,
      failedResources: v1.summaryDetails.resources.failed,
      skippedResources: 0,
      excludedResources: 0,
    });
    expect(jq(withExceptions, ".summaryDetails.status")).toBe("failed");
  });

  it("skipped controls keep their reason in statusInfo", async () => {
    // Without node facts the node controls are skipped, with their reason.
    const withoutNodes = await kubescape(
      ["scan", "framework", "nsa", path.join(EXAMPLES, "web-app.yaml")],
      path.join(inputs.folder, "without-nodes.json"),
    );
    expect(jq(withoutNodes, '.summaryDetails.controls["C-0069"] | {status, statusInfo, complianceScore}')).toEqual({
      status: "skipped",
      statusInfo: { status: "skipped", info: "needs node facts (run rampart collect node)" },
      complianceScore: null,
    });
    expect(jq(withoutNodes, '[.results[].controls[] | select(.controlID == "C-0069")] | length')).toBe(0);
  });

  it("an accepted failure is passed w/exceptions with the exception's reason", () => {
    const control = jq(
      withExceptions,
      '.results[] | select(.resourceID == "apps/v1/monitoring/DaemonSet/node-agent") | .controls[] | select(.controlID == "C-0057")',
    ) as { status: unknown; rules: Array<{ status: string; subStatus: string; exception: Array<{ reason: string }> }> };
    expect(control.status).toEqual({ status: "passed", subStatus: "w/exceptions" });
    expect(control.rules[0]).toMatchObject({ status: "passed", subStatus: "w/exceptions" });
    expect(control.rules[0]?.exception[0]?.reason).toContain("the agent reads host metrics");
    expect(jq(withExceptions, '.summaryDetails.controls["C-0057"].subStatusCounters.ignoredResources')).toBe(1);
  });

  it("resources[] carry the object and its source file", () => {
    // 16 Kubernetes objects and 9 node facts (examples/nodes).
    expect(jq(plain, "[.resources[].resourceID] | length")).toBe(25);
    expect(
      jq(plain, '.resources[] | select(.resourceID == "apps/v1/shop/Deployment/web") | {source, kind: .object.kind}'),
    ).toEqual({
      source: { path: path.join(EXAMPLES, "web-app.yaml"), relativePath: "web-app.yaml", fileType: "YAML" },
      kind: "Deployment",
    });
  });

  it("has the report's identity and scan metadata", () => {
    const header = jq(plain, "{reportGUID, generationTime, clusterName, metadata}") as {
      reportGUID: string;
      generationTime: string;
      metadata: unknown;
    };
    expect(header.reportGUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.isNaN(Date.parse(header.generationTime))).toBe(false);
    expect(header.metadata).toEqual({
      scanMetadata: { format: "json", formatVersion: "v2", targetType: "framework", targetNames: ["nsa"] },
      clusterMetadata: {},
    });
    expect(jq(withExceptions, ".clusterName")).toBe("prod <eu>");
  });
});

describe("--format-version", () => {
  it("is v1 by default: Rampart's own report", async () => {
    const run = await rampart(["scan", "control", "C-0016", EXAMPLES, "--format", "json"]);
    expect((JSON.parse(run.stdout) as JsonReport).reportVersion).toBe("rampart.dev/report/v1");
  });

  it("rejects an unknown version and a version without the json format", async () => {
    const unknown = await rampart(["scan", "control", "C-0016", EXAMPLES, "--format-version", "kubescape-v3"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("v1, kubescape-v2");
    const notJson = await rampart([
      "scan",
      "control",
      "C-0016",
      EXAMPLES,
      "--format",
      "html",
      "--format-version",
      "kubescape-v2",
    ]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain("--format-version kubescape-v2 applies to --format json");
  });

  it("applies to json only when several formats are written", async () => {
    const output = `${path.join(inputs.folder, "both")}/`;
    mkdirSync(output);
    const run = await rampart([
      "scan",
      "control",
      "C-0016",
      EXAMPLES,
      "--format",
      "json,html",
      "--format-version",
      "kubescape-v2",
      "--output",
      output,
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(output, "report.json"), "utf8"))).toHaveProperty(
      "summaryDetails.controls",
    );
    expect(readFileSync(path.join(output, "report.html"), "utf8")).toMatch(/^<!DOCTYPE html>/);
  });
});
