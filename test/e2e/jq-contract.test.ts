// The jq recipes our users' own documentation gives for posture reports, run verbatim with jq
// on Rampart's JSON report. They are the contract of the JSON format.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { JsonReport } from "../../runtime/report/json.js";
import { EXAMPLES, jq as jqOf, tempFolder } from "../support/cli.js";
import { rampart } from "./run-cli.js";

const report = tempFolder("rampart-jq-").file("results.json");

/** The report as JavaScript reads it: what each recipe's answer must agree with. */
const parsed = (): JsonReport => JSON.parse(readFileSync(report, "utf8")) as JsonReport;

/** jq's outputs on the report: one value, or the list of values when the filter yields several. */
const jq = (filter: string): unknown => jqOf(report, filter);

beforeAll(async () => {
  const run = await rampart(["scan", "framework", "nsa", EXAMPLES, "--format", "json", "--output", report]);
  expect(run.code).toBe(0);
});

describe("jq recipes", () => {
  it("jq '.summaryDetails.score' is the compliance score, 0-100", () => {
    const score = jq(".summaryDetails.score");
    expect(typeof score).toBe("number");
    expect(score as number).toBeGreaterThanOrEqual(0);
    expect(score as number).toBeLessThanOrEqual(100);
    expect(jq(".summaryDetails.complianceScore")).toBe(score);
  });

  it("control counts", () => {
    expect(
      jq(".summaryDetails | {score, passed: .controls.passed, failed: .controls.failed, total: .controls.total}"),
    ).toEqual({
      score: jq(".summaryDetails.score"),
      passed: parsed().results.filter((result) => result.status === "passed").length,
      failed: parsed().results.filter((result) => result.status === "failed").length,
      total: parsed().results.length,
    });
  });

  it("failed controls with their severity", () => {
    const failed = jq('.results[] | select(.status == "failed") | {name, severity}') as Array<{
      name: string;
      severity: string;
    }>;
    expect(failed).toHaveLength(parsed().results.filter((result) => result.status === "failed").length);
    expect(failed).toContainEqual({ name: "Privileged container", severity: "High" });
    expect(failed).toContainEqual({ name: "Audit logs enabled", severity: "Medium" });
    expect(failed).toContainEqual({ name: "Immutable container filesystem", severity: "Low" });
    for (const entry of failed) expect(["Critical", "High", "Medium", "Low"]).toContain(entry.severity);
  });

  it("cluster, date, score and the names of high-severity controls", () => {
    const summary = jq(
      '{cluster: .clusterName, scanDate: .scanDate, score: .summaryDetails.score, highIssues: [.results[] | select(.severity == "High") | .name]}',
    ) as { cluster: string; scanDate: string; score: number; highIssues: string[] };
    expect(summary.cluster).toBe("");
    expect(Number.isNaN(Date.parse(summary.scanDate))).toBe(false);
    expect(summary.highIssues).toEqual(expect.arrayContaining(["Privileged container", "Ensure CPU limits are set"]));
  });
});
