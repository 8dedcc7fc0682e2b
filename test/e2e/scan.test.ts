// `rampart scan` end to end, through the CLI, on the bundled examples and on bad input.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { JsonReport } from "../../runtime/report/json.js";
import { EXAMPLES, jsonOf, tempFolder } from "../support/cli.js";
import { rampart } from "./run-cli.js";

const { folder: work, file } = tempFolder("rampart-e2e-");

describe("rampart scan framework", () => {
  it("prints a scored table per framework with coverage", async () => {
    const run = await rampart(["scan", "framework", "nsa", EXAMPLES]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Framework NSA");
    // The workloads and the control plane's static pods (examples/control-plane) of the examples.
    expect(run.stdout).toMatch(/│ Medium\s+│ C-0016 Allow privilege escalation\s+│\s+11 │\s+12 │\s+8\.33% │/);
    expect(run.stdout).toMatch(
      // The nodes' facts (examples/nodes): both kubelets refuse anonymous requests.
      /│ Critical\s+│ C-0069 Disable anonymous access to Kubelet service\s+│\s+0 │\s+2 │\s+100\.00% │/,
    );
    expect(run.stdout).toMatch(/│ Medium\s+│ C-0066 Secret\/etcd encryption enabled\s+│\s+1 │\s+8 │\s+87\.50% │/);
    const report = await jsonOf(["scan", "framework", "nsa", EXAMPLES]);
    expect(run.stdout).toContain(`(${report.summaryDetails.coverage.text})`);
    expect(run.stdout).toMatch(/Overall: compliance score \d+\.\d\d%/);
  });

  it("writes a JSON report with the compliance score", async () => {
    const output = path.join(work, "nsa.json");
    const run = await rampart(["scan", "framework", "nsa", EXAMPLES, "--format", "json", "--output", output]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    const report = JSON.parse(readFileSync(output, "utf8")) as JsonReport;
    expect(typeof report.summaryDetails.complianceScore).toBe("number");
    expect(report.summaryDetails.score).toBe(report.summaryDetails.complianceScore);
    const evaluated = report.results.filter((result) => result.status !== "skipped").length;
    expect(evaluated).toBeGreaterThan(10);
    expect(report.summaryDetails.coverage).toEqual({
      evaluated,
      total: 26,
      text: `evaluated ${evaluated} of 26 controls`,
    });
    expect(report.results).toHaveLength(26);
    // 16 Kubernetes objects and 9 node facts (examples/nodes).
    expect(report.resources).toHaveLength(25);
    const escalation = report.results.find((result) => result.controlID === "C-0016");
    const failing = escalation?.resources.filter((resource) => resource.status === "failed") ?? [];
    expect(failing.map((resource) => resource.resourceID).sort()).toEqual([
      "apps/v1/monitoring/DaemonSet/node-agent",
      "apps/v1/shop/Deployment/web",
      "batch/v1/reporting/Job/migrate-db",
      ...["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"].flatMap((component) => [
        `v1/kube-system/Pod/${component}-cp-a`,
        `v1/kube-system/Pod/${component}-cp-b`,
      ]),
    ]);
    const web = failing.find((resource) => resource.name === "web");
    expect(web?.violations?.[0]?.paths).toEqual([
      "spec.template.spec.containers[1].securityContext.allowPrivilegeEscalation",
    ]);
    expect(web?.source).toMatchObject({ file: path.join(EXAMPLES, "web-app.yaml"), documentIndex: 1, line: 10 });
  });

  it("scans several frameworks at once, each control once", async () => {
    const run = await rampart(["scan", "framework", "nsa,devopsbest", EXAMPLES, "--format", "json"]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.summaryDetails.frameworks.map((framework) => framework.name)).toEqual(["nsa", "devopsbest"]);
    const ids = report.results.map((result) => result.controlID);
    expect(new Set(ids).size).toBe(ids.length);
    expect(report.results.find((result) => result.controlID === "C-0270")?.frameworks).toEqual(["nsa", "devopsbest"]);
  });

  it("reads standard input", async () => {
    const manifest = readFileSync(path.join(EXAMPLES, "node-agent.yaml"), "utf8");
    const run = await rampart(["scan", "control", "C-0057", "-", "--format", "json"], manifest);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.results[0]?.resourceCounters).toEqual({ passed: 0, failed: 1, excepted: 0, all: 1 });
    expect(report.resources[0]?.source.file).toBe("<stdin>");
  });
});

describe("rampart scan control", () => {
  it("runs only the named controls", async () => {
    const run = await rampart([
      "scan",
      "control",
      "C-0016,C-0057",
      path.join(EXAMPLES, "web-app.yaml"),
      "--format",
      "json",
    ]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.results.map((result) => [result.controlID, result.status])).toEqual([
      ["C-0016", "failed"],
      ["C-0057", "passed"],
    ]);
    expect(report.summaryDetails.frameworks).toEqual([]);
  });

  it("suggests fixes the API server accepts: a privileged container also gets privileged: false", async () => {
    const pod =
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: root, securityContext: {privileged: true}}\n    - {name: plain}\n";
    const run = await rampart(["scan", "control", "C-0016", "-", "--format", "json"], pod);
    const report = JSON.parse(run.stdout) as JsonReport;
    const fixes = report.results[0]?.resources[0]?.violations?.map((violation) => violation.fixes);
    expect(fixes).toEqual([
      [
        { path: "spec.containers[0].securityContext.allowPrivilegeEscalation", value: "false" },
        { path: "spec.containers[0].securityContext.privileged", value: "false" },
      ],
      [{ path: "spec.containers[1].securityContext.allowPrivilegeEscalation", value: "false" }],
    ]);
  });

  it("keeps a catalogue control it does not implement, as skipped", async () => {
    const run = await rampart(["scan", "control", "C-0001", EXAMPLES, "--format", "json"]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.results[0]).toMatchObject({
      controlID: "C-0001",
      status: "skipped",
      statusReason: "not implemented",
    });
    expect(report.summaryDetails.score).toBeNull();
  });

  it("skips a node control without node facts, saying how to collect them", async () => {
    const run = await rampart(["scan", "control", "C-0069", path.join(EXAMPLES, "web-app.yaml"), "--format", "json"]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.results[0]).toMatchObject({
      controlID: "C-0069",
      status: "skipped",
      statusReason: "needs node facts (run rampart collect node)",
    });
  });
});

describe("bad input never stops a scan", () => {
  it("warns about each unreadable document, names it, and scans the rest", async () => {
    const folder = path.join(work, "mixed");
    rmSync(folder, { recursive: true, force: true });
    const { mkdirSync } = await import("node:fs");
    mkdirSync(folder);
    writeFileSync(path.join(folder, "broken.yaml"), "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n");
    writeFileSync(path.join(folder, "binary.yaml"), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]));
    writeFileSync(path.join(folder, "empty.yaml"), "\n\n");
    writeFileSync(path.join(folder, "values.yaml"), "replicaCount: 3\nimage:\n  tag: latest\n");
    writeFileSync(
      path.join(folder, "good.yaml"),
      "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: good\nspec:\n  containers:\n    - name: app\n      image: nginx\n---\nkind: Pod\nmetadata: {name: noversion}\n",
    );
    const run = await rampart(["scan", "control", "C-0016", folder, "--format", "json"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/mixed\/broken\.yaml:\d+: YAML syntax error/);
    expect(run.stderr).toContain(`${path.join(folder, "binary.yaml")}: binary file`);
    expect(run.stderr).toContain(`${path.join(folder, "empty.yaml")}: empty file`);
    expect(run.stderr).toContain(`${path.join(folder, "values.yaml")}:1: not a Kubernetes object`);
    expect(run.stderr).toContain(
      `${path.join(folder, "good.yaml")}:11: not a Kubernetes object (no kind or apiVersion)`,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.resources.map((resource) => resource.name)).toEqual(["good"]);
    expect(report.skippedInputs).toHaveLength(5);
  });

  it("expands List kinds and JSON arrays, and keeps Helm template paths", async () => {
    const list = file(
      "list.json",
      JSON.stringify({
        apiVersion: "v1",
        kind: "List",
        items: [
          {
            apiVersion: "v1",
            kind: "Pod",
            metadata: { name: "a", namespace: "x" },
            spec: { containers: [{ name: "c" }] },
          },
          {
            apiVersion: "v1",
            kind: "Pod",
            metadata: { name: "b", namespace: "x" },
            spec: { containers: [{ name: "c" }] },
          },
        ],
      }),
    );
    const helm = file(
      "helm.yaml",
      "---\n# Source: chart/templates/pod.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: from-helm\nspec:\n  containers: []\n",
    );
    const run = await rampart(["scan", "control", "C-0016", list, helm, "--format", "json"]);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.resources.map((resource) => [resource.name, resource.source.itemIndex ?? null])).toEqual([
      ["a", 0],
      ["b", 1],
      ["from-helm", null],
    ]);
    expect(report.resources[2]?.source).toMatchObject({ template: "chart/templates/pod.yaml", line: 3 });
  });

  it("reports a path that matches nothing", async () => {
    const run = await rampart([
      "scan",
      "control",
      "C-0016",
      path.join(work, "nothing-here-*.yaml"),
      "--format",
      "json",
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("no such file, folder or glob match");
  });
});

describe("usage errors exit 2 with a message", () => {
  it.each([
    [
      ["scan", "framework", "nope", EXAMPLES],
      /unknown framework "nope"; known frameworks: nsa, mitre, cis-v1.23-t1.0.1, devopsbest/,
    ],
    [["scan", "control", "C-99999", EXAMPLES], /unknown control ID: C-99999/],
    [["scan", "framework", "nsa", "--kubeconfig", "/nonexistent/kubeconfig"], /no cluster to scan: --kubeconfig/],
    [["scan", "framework", "nsa", EXAMPLES, "--context", "prod"], /--context pick a cluster to read: give no paths/],
    [["scan", "framework", "nsa", EXAMPLES, "--format", "xml"], /argument 'xml' is invalid/],
  ])("%j", async (args, message) => {
    const run = await rampart(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe("--output", () => {
  it("refuses a file in a folder that does not exist, before scanning, and writes nothing", async () => {
    const target = path.join(work, "missing", "results.json");
    const run = await rampart(["scan", "framework", "nsa", EXAMPLES, "--format", "json", "--output", target]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`rampart: cannot write ${target}: there is no folder ${path.dirname(target)}\n`);
    expect(existsSync(path.dirname(target))).toBe(false);
  });

  it("refuses a folder as the file of one format", async () => {
    const run = await rampart(["scan", "framework", "nsa", EXAMPLES, "--format", "json", "--output", work]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot write .*: it is a folder/);
  });

  it("makes the folder several formats go to (--output reports/), as in a fresh CI checkout", async () => {
    const folder = path.join(work, "fresh", "results");
    const run = await rampart([
      "scan",
      "framework",
      "nsa",
      EXAMPLES,
      "--format",
      "sarif,json",
      "--output",
      `${folder}/`,
    ]);
    expect(run.code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(["report.json", "report.sarif"]);
  });
});
