// Controls that judge data an input may lack (control-plane pods, a managed cluster's
// description) through the CLI: skipped with the reason, in every format, when the input holds
// none of it; evaluated, naming what it lacks, when it holds part of it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { JsonReport } from "../../runtime/report/json.js";
import { EXAMPLES, jsonOf, tempFolder } from "../support/cli.js";
import { rampart } from "./run-cli.js";

const { folder, file } = tempFolder("rampart-requirements-");
const NO_CONTROL_PLANE = "no control-plane pods in the input";
const WORKLOADS = path.join(EXAMPLES, "web-app.yaml");

const result = (report: JsonReport, id: string) => report.results.find((entry) => entry.controlID === id);

describe("an input without control-plane pods", () => {
  it("skips the control-plane controls with the reason: a CIS score over nothing is no score", async () => {
    const report = await jsonOf(["scan", "framework", "cis-v1.23-t1.0.1", WORKLOADS]);
    expect(result(report, "C-0113")).toMatchObject({
      status: "skipped",
      statusReason: NO_CONTROL_PLANE,
      resources: [],
    });
    expect(result(report, "C-0153")).toMatchObject({ status: "skipped", statusReason: NO_CONTROL_PLANE });
    // None of the 44 control-plane controls of the framework counts in its coverage or score.
    const controlPlane = report.results.filter((entry) => entry.statusReason === NO_CONTROL_PLANE);
    expect(controlPlane).toHaveLength(44);
    const evaluated = report.results.filter((entry) => entry.status !== "skipped").length;
    expect(report.summaryDetails.coverage).toMatchObject({ evaluated, total: 121 });
  });

  it("says so in every format", async () => {
    const base = ["scan", "control", "C-0113", WORKLOADS];
    const run = await rampart([...base, "--format", "json,junit,sarif,html,pdf", "--output", folder]);
    expect(run.code, run.stderr).toBe(0);
    const read = (name: string) => readFileSync(path.join(folder, name), "utf8");
    expect(read("report.xml")).toContain(`<skipped message="${NO_CONTROL_PLANE}"/>`);
    expect(read("report.sarif")).toContain(
      `C-0113 Ensure that the API Server --anonymous-auth argument is set to false was skipped: ${NO_CONTROL_PLANE}`,
    );
    expect(read("report.html")).toContain(`Skipped: ${NO_CONTROL_PLANE}`);
    const pretty = await rampart([...base, "--verbose"]);
    expect(pretty.stdout).toContain(
      `C-0113 Ensure that the API Server --anonymous-auth argument is set to false: skipped (${NO_CONTROL_PLANE})`,
    );
    const v2 = await jsonOf<{ summaryDetails: { controls: Record<string, { statusInfo: unknown }> } }>([
      ...base,
      "--format-version",
      "kubescape-v2",
    ]);
    expect(v2.summaryDetails.controls["C-0113"]?.statusInfo).toEqual({ status: "skipped", info: NO_CONTROL_PLANE });
  });
});

describe("an input with some of what the controls judge", () => {
  it("judges the API server without etcd (external etcd), and names the missing component", async () => {
    const apiServer = file(
      "apiserver.yaml",
      "apiVersion: v1\nkind: Pod\nmetadata: {name: kube-apiserver-cp-0, namespace: kube-system, labels: {component: kube-apiserver}}\nspec:\n  containers: [{name: kube-apiserver, command: [kube-apiserver, --anonymous-auth=false]}]\n",
    );
    const report = await jsonOf(["scan", "control", "C-0113,C-0153", apiServer]);
    expect(result(report, "C-0113")).toMatchObject({ status: "passed" });
    expect(result(report, "C-0113")?.statusReason).toBeUndefined();
    expect(result(report, "C-0153")).toMatchObject({ status: "skipped", statusReason: "no etcd pod in the input" });
  });

  it("judges C-0066 on the API server of a self-managed cluster, saying its cloud rule had nothing to judge", async () => {
    const report = await jsonOf(["scan", "control", "C-0066", path.join(EXAMPLES, "control-plane")]);
    expect(result(report, "C-0066")).toMatchObject({
      status: "failed",
      statusReason:
        "partly evaluated: no description of a managed EKS, GKE or AKS cluster (ClusterDescribe) in the input",
    });
  });

  it("judges C-0066 on a managed cluster's description alone, saying it had no control-plane pods", async () => {
    const eks = file(
      "eks.json",
      JSON.stringify({
        apiVersion: "eks.amazonaws.com/v1",
        kind: "ClusterDescribe",
        metadata: { name: "prod", provider: "eks" },
        data: { Cluster: { EncryptionConfig: [{ Resources: ["secrets"] }] } },
      }),
    );
    const report = await jsonOf(["scan", "control", "C-0066,C-0113", eks, WORKLOADS]);
    expect(result(report, "C-0066")).toMatchObject({
      status: "passed",
      statusReason: `partly evaluated: ${NO_CONTROL_PLANE}`,
    });
    expect(result(report, "C-0066")?.resources.map((resource) => resource.kind)).toContain("ClusterDescribe");
    expect(result(report, "C-0113")).toMatchObject({ status: "skipped", statusReason: NO_CONTROL_PLANE });
  });
});
