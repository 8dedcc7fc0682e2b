// The guide our users follow, "How to Audit Kubernetes Cluster Security Posture with Kubescape
// Frameworks", top to bottom: every scanning command it prints, run as printed with `rampart`
// for `kubescape` (jq for real; helm's output from a file), on the manifests of its story
// (fixtures/article/README.md), asserting what the guide promises. The guide runs most commands
// against a cluster: here the manifests folder stands in for it (appended to rampart's
// arguments); the cluster, the operator, history and remediation commands are not scanning
// commands and are not run. Assertions hold whatever controls the frameworks implement.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Document, parseAllDocuments } from "yaml";
import type { JsonReport } from "../../runtime/report/json.js";
import { tempFolder } from "../support/cli.js";
import { type ShellOptions, type ShellRun, sh } from "./article-shell.js";

const FIXTURES = path.join(import.meta.dirname, "fixtures", "article");
const { folder: work } = tempFolder("rampart-article-");
const MANIFESTS = path.join(work, "manifests");
/** A repository of the same manifests, for the commands the guide runs on files (its CI among them). */
const REPOSITORY = path.join(work, "repository");

/** The guide's command on the folder that stands in for its cluster. */
const onCluster = (line: string, options: Partial<ShellOptions> = {}): Promise<ShellRun> =>
  sh(line, { cwd: work, cluster: "manifests/", ...options });

/** The guide's command in a folder of manifests (its "scan YAML files before applying" and CI). */
const inFolder = (line: string, folder = REPOSITORY): Promise<ShellRun> => sh(line, { cwd: folder });

const readJson = <T = JsonReport>(file: string): T => JSON.parse(readFileSync(path.join(work, file), "utf8")) as T;

/** The values of a stream of JSON documents, as jq prints them (one after another). */
function jqStream(text: string): unknown[] {
  const compact = spawnSync("jq", ["-c", "."], { input: text, encoding: "utf8" });
  expect(compact.status).toBe(0);
  return compact.stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as unknown);
}

/** The objects a JSON report scanned, as `Kind namespace/name`. */
const scanned = (report: JsonReport) =>
  report.resources.map((resource) => `${resource.kind} ${resource.namespace ?? "-"}/${resource.name}`).sort();

/** The objects a table report says it scanned ("Scanned 4 objects."). */
const scannedCount = (run: ShellRun) => Number(/Scanned (\d+) objects?\./.exec(run.rampart.stdout)?.[1]);

const ALL_OBJECTS = [
  "ConfigMap kube-public/cluster-info",
  "DaemonSet kube-system/calico-node",
  "DaemonSet kube-system/kube-proxy",
  "DaemonSet monitoring/node-exporter",
  "Deployment production/risky-app",
  "Deployment production/web-app",
  "NetworkPolicy production/default-deny",
  "Service production/web-app",
];

beforeAll(() => {
  cpSync(FIXTURES, work, { recursive: true });
  cpSync(path.join(FIXTURES, "manifests"), REPOSITORY, { recursive: true });
});

describe("Running NSA-CISA Framework Scan", () => {
  it("rampart scan framework nsa --verbose", async () => {
    const run = await onCluster("rampart scan framework nsa --verbose");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Framework NSA");
    expect(run.stdout).toMatch(
      /NSA: compliance score \d+\.\d\d%, risk score \d+\.\d\d% \(evaluated \d+ of 26 controls\)/,
    );
    // --verbose: each failing object, by namespace, with the failing field and the fix.
    expect(run.stdout).toMatch(
      /C-0057 Privileged container \[High\]\n {2}namespace kube-system\n[\s\S]*?namespace production\n {4}Deployment\/risky-app \(manifests\/risky-app\.yaml:2\)\n {6}- .*\n {8}at spec\.template\.spec\.containers\[0\]\.securityContext\.privileged/,
    );
    expect(scannedCount(run)).toBe(ALL_OBJECTS.length);
  });

  it("rampart scan framework nsa --format json --output nsa-results.json", async () => {
    const run = await onCluster("rampart scan framework nsa --format json --output nsa-results.json");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    const report = readJson("nsa-results.json");
    expect(report.reportVersion).toBe("rampart.dev/report/v1");
    expect(scanned(report)).toEqual(ALL_OBJECTS);
  });

  it("rampart scan framework nsa --format html --output nsa-report.html", async () => {
    const run = await onCluster("rampart scan framework nsa --format html --output nsa-report.html");
    expect(run.code).toBe(0);
    const page = readFileSync(path.join(work, "nsa-report.html"), "utf8");
    expect(page).toMatch(/^<!DOCTYPE html>/i);
    expect(page).toContain("NSA");
    expect(page).toContain("risky-app");
  });

  it("rampart scan framework nsa --format pretty-printer | head -50", async () => {
    const run = await onCluster("rampart scan framework nsa --format pretty-printer | head -50");
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines.length).toBeLessThanOrEqual(50);
    expect(lines[0]).toBe("Framework NSA");
    expect(run.stdout).toMatch(/│ High\s+│ C-0057 Privileged container\s+│\s+\d+ │/);
  });

  it("rampart scan framework nsa --format json | jq '.results[] | select(.status == \"failed\") | {name, severity}'", async () => {
    const run = await onCluster(`rampart scan framework nsa --format json | \\
  jq '.results[] | select(.status == "failed") | {name, severity}'`);
    expect(run.code).toBe(0);
    const failed = jqStream(run.stdout) as Array<{ name: string; severity: string }>;
    expect(failed).toContainEqual({ name: "Privileged container", severity: "High" });
    for (const entry of failed) {
      expect(Object.keys(entry)).toEqual(["name", "severity"]);
      expect(["Critical", "High", "Medium", "Low"]).toContain(entry.severity);
    }
  });
});

describe("Scanning Against MITRE ATT&CK Framework", () => {
  it("rampart scan framework mitre --verbose", async () => {
    const run = await onCluster("rampart scan framework mitre --verbose");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Framework MITRE");
    expect(run.stdout).toMatch(/C-0057 Privileged container \[High\]/);
  });

  it("rampart scan framework mitre --controls-config controls.yaml", async () => {
    const run = await onCluster("rampart scan framework mitre --controls-config controls.yaml");
    expect(run.code).toBe(0);
    // controls.yaml raises C-0057 to Critical and makes C-0012 a warning.
    expect(run.stdout).toMatch(/│ Critical\s+│ C-0057 Privileged container\s+│/);
    expect(run.stdout).toMatch(/│ High\s+│ C-0012 Applications credentials in configuration files \(warn\)\s+│/);
  });
});

describe("Auditing Against CIS Kubernetes Benchmark", () => {
  it("rampart scan framework cis-v1.23-t1.0.1", async () => {
    const run = await onCluster("rampart scan framework cis-v1.23-t1.0.1");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /Framework cis-v1\.23-t1\.0\.1: compliance score (\d+\.\d\d%|n\/a), .*of 121 controls\)/,
    );
    expect(scannedCount(run)).toBe(ALL_OBJECTS.length);
  });

  it("rampart scan framework cis-v1.23-t1.0.1 --include-namespaces production", async () => {
    const run = await onCluster("rampart scan framework cis-v1.23-t1.0.1 --include-namespaces production");
    expect(run.code).toBe(0);
    const production = ALL_OBJECTS.filter((object) => object.includes(" production/"));
    expect(scannedCount(run)).toBe(production.length);
    const json = await onCluster(
      "rampart scan framework cis-v1.23-t1.0.1 --include-namespaces production --format json --output cis-production.json",
    );
    expect(json.code).toBe(0);
    expect(scanned(readJson("cis-production.json"))).toEqual(production);
  });

  it("rampart scan framework cis-v1.23-t1.0.1 --exclude-namespaces kube-system,kube-public", async () => {
    const run = await onCluster("rampart scan framework cis-v1.23-t1.0.1 --exclude-namespaces kube-system,kube-public");
    expect(run.code).toBe(0);
    const kept = ALL_OBJECTS.filter((object) => !/ kube-(system|public)\//.test(object));
    expect(scannedCount(run)).toBe(kept.length);
    await onCluster(
      "rampart scan framework cis-v1.23-t1.0.1 --exclude-namespaces kube-system,kube-public --format json --output cis-excluded.json",
    );
    expect(scanned(readJson("cis-excluded.json"))).toEqual(kept);
  });
});

describe("Understanding Compliance Scores", () => {
  it("rampart scan framework nsa --format json | jq '.summaryDetails.score'", async () => {
    const run = await onCluster(`rampart scan framework nsa --format json | \\
  jq '.summaryDetails.score'`);
    expect(run.code).toBe(0);
    const score = Number(run.stdout.trim());
    expect(score).toBeGreaterThanOrEqual(0);
    expect(score).toBeLessThanOrEqual(100);
    expect(score).toBe((JSON.parse(run.rampart.stdout) as JsonReport).summaryDetails.score);
  });

  it("rampart scan framework nsa --format json | jq '.summaryDetails | {score, passed, failed, total}'", async () => {
    const run = await onCluster(`rampart scan framework nsa --format json | \\
  jq '.summaryDetails | {
    score,
    passed: .controls.passed,
    failed: .controls.failed,
    total: .controls.total
  }'`);
    expect(run.code).toBe(0);
    const [summary] = jqStream(run.stdout) as Array<{ score: number; passed: number; failed: number; total: number }>;
    expect(summary?.total).toBe(26);
    expect(summary?.failed).toBeGreaterThan(0);
    expect((summary?.passed ?? 0) + (summary?.failed ?? 0)).toBeLessThanOrEqual(26);
    expect(typeof summary?.score).toBe("number");
  });
});

describe("Scanning Specific Resources", () => {
  it("rampart scan workload deployment/web-app -n production", async () => {
    const run = await onCluster("rampart scan workload deployment/web-app -n production");
    expect(run.code).toBe(0);
    expect(scannedCount(run)).toBe(1);
    const json = await onCluster(
      "rampart scan workload deployment/web-app -n production --format json --output web-app.json",
    );
    expect(json.code).toBe(0);
    expect(scanned(readJson("web-app.json"))).toEqual(["Deployment production/web-app"]);
  });

  it("rampart scan workload deployment --all-namespaces", async () => {
    const run = await onCluster("rampart scan workload deployment --all-namespaces");
    expect(run.code).toBe(0);
    expect(scannedCount(run)).toBe(2);
    await onCluster("rampart scan workload deployment --all-namespaces --format json --output deployments.json");
    expect(scanned(readJson("deployments.json"))).toEqual([
      "Deployment production/risky-app",
      "Deployment production/web-app",
    ]);
  });

  it("rampart scan *.yaml --format json --output results.json", async () => {
    const run = await inFolder("rampart scan *.yaml --format json --output results.json");
    expect(run.code).toBe(0);
    // The shell expanded the glob: each file is a target.
    expect(run.rampart.args.filter((arg) => arg.endsWith(".yaml"))).toEqual([
      "kube-public.yaml",
      "kube-system.yaml",
      "monitoring.yaml",
      "risky-app.yaml",
      "web-app.yaml",
    ]);
    const report = JSON.parse(readFileSync(path.join(REPOSITORY, "results.json"), "utf8")) as JsonReport;
    expect(scanned(report)).toEqual(ALL_OBJECTS);
    expect(report.skippedInputs).toEqual([]);
    // Without a framework, every framework.
    expect(report.summaryDetails.frameworks.map((framework) => framework.name)).toEqual([
      "nsa",
      "mitre",
      "cis-v1.23-t1.0.1",
      "devopsbest",
    ]);
  });

  it("helm template myapp ./mychart | rampart scan -", async () => {
    const helm = { "myapp ./mychart": readFileSync(path.join(FIXTURES, "helm-template-myapp.yaml"), "utf8") };
    const run = await sh("helm template myapp ./mychart | rampart scan -", { cwd: work, helm });
    expect(run.code).toBe(0);
    expect(scannedCount(run)).toBe(4);
    expect(run.rampart.stderr).toBe("");
    const json = await sh("helm template myapp ./mychart | rampart scan - --format json", { cwd: work, helm });
    const report = JSON.parse(json.stdout) as JsonReport;
    // Each object keeps the chart template it came from.
    expect(report.resources.map((resource) => [resource.kind, resource.source.file, resource.source.template])).toEqual(
      [
        ["ServiceAccount", "<stdin>", "mychart/templates/serviceaccount.yaml"],
        ["Service", "<stdin>", "mychart/templates/service.yaml"],
        ["Deployment", "<stdin>", "mychart/templates/deployment.yaml"],
        ["Pod", "<stdin>", "mychart/templates/tests/test-connection.yaml"],
      ],
    );
  });
});

describe("Configuring Custom Control Thresholds", () => {
  it("rampart scan framework nsa --controls-config controls-config.yaml", async () => {
    const run = await onCluster("rampart scan framework nsa --controls-config controls-config.yaml");
    expect(run.code).toBe(0);
    expect(run.rampart.stderr).toBe("");
    expect(run.stdout).toMatch(/│ Critical\s+│ C-0016 Allow privilege escalation \(warn\)\s+│/);
    expect(run.stdout).toMatch(/│ High\s+│ C-0017 Immutable container filesystem\s+│/);
    expect(run.stdout).toMatch(/│ Medium\s+│ C-0034 Automatic mapping of service account \(warn\)\s+│/);
    await onCluster(
      "rampart scan framework nsa --controls-config controls-config.yaml --format json --output configured.json",
    );
    const results = readJson("configured.json").results;
    const settings = (id: string) => {
      const result = results.find((entry) => entry.controlID === id);
      return { severity: result?.severity, action: result?.action };
    };
    expect(settings("C-0016")).toEqual({ severity: "Critical", action: "warn" });
    expect(settings("C-0017")).toEqual({ severity: "High", action: "enforce" });
    expect(settings("C-0034")).toEqual({ severity: "Medium", action: "warn" });
  });
});

describe("Setting Up Exceptions", () => {
  it("rampart scan framework nsa --exceptions exceptions.yaml --format pretty-printer", async () => {
    const run = await onCluster("rampart scan framework nsa --exceptions exceptions.yaml --format pretty-printer");
    expect(run.code).toBe(0);
    // The table counts the accepted failures, and every exception is listed with where it is
    // written, what became of it and its justification.
    expect(run.stdout).toMatch(/│ Severity\s+│ Control\s+│ Failed resources │ With exceptions │/);
    expect(run.stdout).toMatch(/│ Medium\s+│ C-0016 Allow privilege escalation\s+│\s+\d+ │\s+2 │/);
    expect(run.stdout).toContain(
      'exceptions.yaml:3: exception "kube-system-privileged-pods": applied to 2 failures; justification: System components require privileged access',
    );
    // C-0048 (HostPath mount) is not an NSA control: the exception cannot apply, and says why.
    expect(run.stdout).toContain(
      'exceptions.yaml:14: exception "monitoring-host-path": names no control this scan evaluates (C-0048); justification: Node exporter needs host metrics access',
    );
    expect(run.rampart.stderr).toContain(
      'exceptions.yaml:14: exception "monitoring-host-path" names no control this scan evaluates (C-0048)',
    );
    const verbose = await onCluster("rampart scan framework nsa --exceptions exceptions.yaml --verbose");
    expect(verbose.stdout).toMatch(
      /DaemonSet\/kube-proxy \(manifests\/kube-system\.yaml:2\)\n {6}accepted by exception "kube-system-privileged-pods": System components require privileged access/,
    );
  });

  it("one exceptions file per environment: --exceptions repeated or comma-separated", async () => {
    for (const flags of [
      "--exceptions exceptions.yaml --exceptions exceptions-production.yaml",
      "--exceptions exceptions.yaml,exceptions-production.yaml",
    ]) {
      const run = await onCluster(`rampart scan framework nsa,mitre ${flags} --format json`);
      expect(run.code).toBe(0);
      const { exceptions } = JSON.parse(run.stdout) as JsonReport;
      expect(exceptions.map((entry) => [entry.where, entry.name, entry.status])).toEqual([
        ["exceptions.yaml:3", "kube-system-privileged-pods", "applied"],
        ["exceptions.yaml:14", "monitoring-host-path", "applied"],
        ["exceptions-production.yaml:4", "risky-app-until-patched", "expired"],
      ]);
      expect(run.rampart.stderr).toContain(
        'exceptions-production.yaml:4: exception "risky-app-until-patched" has expired; not applied',
      );
    }
  });
});

describe("Integrating with CI/CD Pipelines", () => {
  const ci = `rampart scan framework nsa *.yaml \\
            --format json \\
            --output results.json \\
            --fail-threshold 80`;

  it("fails the build when the compliance score is below 80, and still writes the report", async () => {
    const run = await inFolder(ci);
    const score = (JSON.parse(readFileSync(path.join(REPOSITORY, "results.json"), "utf8")) as JsonReport).summaryDetails
      .score;
    expect(score).toBeLessThan(80); // a privileged kube-proxy, calico-node and risky-app
    expect(run.code).toBe(1);
    expect(run.rampart.stderr).toContain(`rampart: gate failed: compliance score ${score} is below the threshold 80`);
  });

  it("passes once the guide's remediations are applied (exit code from the score)", async () => {
    // The guide's kubectl patches, applied to the manifest in a repository of its own.
    const repository = path.join(work, "web-app-repository");
    mkdirSync(repository, { recursive: true });
    const documents = parseAllDocuments(readFileSync(path.join(MANIFESTS, "web-app.yaml"), "utf8")) as Document[];
    const deployment = documents[0] as Document;
    deployment.setIn(["spec", "template", "spec", "securityContext"], { runAsNonRoot: true, runAsUser: 1000 });
    deployment.setIn(["spec", "template", "spec", "containers", 0, "resources"], {
      limits: { cpu: "500m", memory: "512Mi" },
      requests: { cpu: "250m", memory: "256Mi" },
    });
    writeFileSync(path.join(repository, "web-app.yaml"), documents.map(String).join(""));
    const run = await inFolder(ci, repository);
    const report = JSON.parse(readFileSync(path.join(repository, "results.json"), "utf8")) as JsonReport;
    expect(report.resources).toHaveLength(3);
    expect(run.code).toBe((report.summaryDetails.score ?? 0) < 80 ? 1 : 0);
    // What the patches fixed no longer fails: the limits, and running as root. C-0013 (as in
    // Kubescape) also wants a non-root group, which the guide's patch does not set.
    const result = (id: string) => report.results.find((entry) => entry.controlID === id);
    expect(result("C-0270")?.status).toBe("passed");
    expect(result("C-0271")?.status).toBe("passed");
    const rootFindings = result("C-0013")?.resources.flatMap((resource) => resource.violations ?? []) ?? [];
    expect(rootFindings.flatMap((violation) => violation.paths)).toEqual([
      "spec.template.spec.containers[0].securityContext.runAsGroup",
    ]);
  });
});

describe("Generating Compliance Reports", () => {
  it("rampart scan framework nsa --format pdf --output compliance-report.pdf", async () => {
    const run = await onCluster("rampart scan framework nsa --format pdf --output compliance-report.pdf");
    expect(run.code).toBe(0);
    const pdf = readFileSync(path.join(work, "compliance-report.pdf"));
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.subarray(-6).toString("latin1")).toContain("%%EOF");
  });

  it("rampart scan framework nsa --format sarif --output results.sarif", async () => {
    const run = await onCluster("rampart scan framework nsa --format sarif --output results.sarif");
    expect(run.code).toBe(0);
    const sarif = readJson<{
      version: string;
      runs: Array<{
        results: Array<{
          ruleId: string;
          locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
        }>;
      }>;
    }>("results.sarif");
    expect(sarif.version).toBe("2.1.0");
    const privileged = sarif.runs[0]?.results.filter((result) => result.ruleId === "C-0057") ?? [];
    expect(privileged.map((result) => result.locations[0]?.physicalLocation.artifactLocation.uri).sort()).toEqual([
      "manifests/kube-system.yaml",
      "manifests/kube-system.yaml",
      "manifests/risky-app.yaml",
    ]);
    // At the line of the privileged flag.
    const risky = privileged.find((result) =>
      result.locations[0]?.physicalLocation.artifactLocation.uri.includes("risky"),
    );
    const line = readFileSync(path.join(MANIFESTS, "risky-app.yaml"), "utf8")
      .split("\n")
      .findIndex((text) => text.includes("privileged: true"));
    expect(risky?.locations[0]?.physicalLocation.region.startLine).toBe(line + 1);
  });

  it("rampart scan framework nsa --format json | jq '{cluster, scanDate, score, criticalIssues, highIssues}'", async () => {
    const run = await onCluster(`rampart scan framework nsa --format json | jq '{
  cluster: .clusterName,
  scanDate: .scanDate,
  score: .summaryDetails.score,
  criticalIssues: (.results[] | select(.severity == "Critical") | .name),
  highIssues: [.results[] | select(.severity == "High") | .name]
}'`);
    expect(run.code).toBe(0);
    // jq prints one summary per Critical control (the filter iterates them, as written).
    const summaries = jqStream(run.stdout) as Array<{
      cluster: string;
      scanDate: string;
      score: number;
      criticalIssues: string;
      highIssues: string[];
    }>;
    const report = JSON.parse(run.rampart.stdout) as JsonReport;
    const critical = report.results.filter((result) => result.severity === "Critical").map((result) => result.name);
    expect(summaries.map((summary) => summary.criticalIssues)).toEqual(critical);
    for (const summary of summaries) {
      expect(summary.cluster).toBe("");
      expect(Number.isNaN(Date.parse(summary.scanDate))).toBe(false);
      expect(typeof summary.score).toBe("number");
      expect(summary.highIssues).toContain("Privileged container");
    }
  });
});

it("leaves no temporary file behind in the folders it wrote to", () => {
  const leftovers = [work, REPOSITORY].flatMap((folder) => readdirSync(folder).filter((name) => name.endsWith(".tmp")));
  expect(leftovers).toEqual([]);
});
