// Controls config, exceptions, namespace filters and CI gates, through the CLI.
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { JsonReport } from "../../runtime/report/json.js";
import { EXAMPLES, tempFolder } from "../support/cli.js";
import { rampart } from "./run-cli.js";

const { file } = tempFolder("rampart-config-");

async function report(args: readonly string[]): Promise<{ code: number; stderr: string; json: JsonReport }> {
  const run = await rampart([...args, "--format", "json"]);
  return { code: run.code, stderr: run.stderr, json: JSON.parse(run.stdout) as JsonReport };
}

const result = (json: JsonReport, id: string) => json.results.find((entry) => entry.controlID === id);

describe("--controls-config", () => {
  it("overrides severity and action, and sets control inputs", async () => {
    const config = file(
      "controls.yaml",
      "insecureCapabilities: [CHOWN]\ncontrols:\n  C-0017: { severity: critical }\n  C-0057: { action: warn }\n",
    );
    const { json } = await report(["scan", "framework", "nsa", EXAMPLES, "--controls-config", config]);
    expect(result(json, "C-0017")).toMatchObject({ severity: "Critical", action: "enforce" });
    expect(result(json, "C-0057")).toMatchObject({ severity: "High", action: "warn", status: "failed" });
    // NET_ADMIN is no longer an insecure capability: the web Deployment passes C-0046.
    expect(result(json, "C-0046")?.status).toBe("passed");
  });

  it("accepts Kubescape's nested settings.postureControlInputs form", async () => {
    const config = file(
      "nested.json",
      JSON.stringify({ settings: { postureControlInputs: { insecureCapabilities: ["CHOWN"] } } }),
    );
    const { json } = await report(["scan", "control", "C-0046", EXAMPLES, "--controls-config", config]);
    expect(result(json, "C-0046")?.status).toBe("passed");
  });

  it("skips a control whose inputs it empties, with the reason, in every format; setting one evaluates it", async () => {
    const empty = file("empty.yaml", "recommendedLabels: []\n");
    const args = ["scan", "control", "C-0076,C-0016", EXAMPLES, "--controls-config", empty];
    const reason = "needs configuration: set recommendedLabels in --controls-config";
    const { json } = await report(args);
    expect(result(json, "C-0076")).toMatchObject({ status: "skipped", statusReason: reason, resources: [] });
    expect(result(json, "C-0016")?.status).toBe("failed");
    expect(json.summaryDetails.coverage).toMatchObject({ evaluated: 1, total: 2 });
    const pretty = await rampart([...args, "--verbose"]);
    expect(pretty.stdout).toContain(`C-0076 Label usage for resources: skipped (${reason})`);
    for (const format of [["sarif"], ["junit"], ["html"], ["json", "--format-version", "kubescape-v2"]]) {
      const run = await rampart([...args, "--format", ...format]);
      expect(run.stdout, format.join(" ")).toContain(reason);
    }
    const set = file("set.yaml", "recommendedLabels: [team]\n");
    const { json: configured } = await report(["scan", "control", "C-0076", EXAMPLES, "--controls-config", set]);
    expect(result(configured, "C-0076")?.status).not.toBe("skipped");
  });

  it("accepts controls as a list of {controlID, name, severity, action}, in any case", async () => {
    const config = file(
      "list.yaml",
      `controls:
  - controlID: C-0016
    name: Allow privilege escalation
    severity: Critical
    action: warn
  - controlId: C-0057
    name: privileged container
    action: Enforce
  - controlID: C-0066
    severity: low
`,
    );
    const { json } = await report(["scan", "framework", "nsa", EXAMPLES, "--controls-config", config]);
    expect(result(json, "C-0016")).toMatchObject({ severity: "Critical", action: "warn" });
    expect(result(json, "C-0057")).toMatchObject({ severity: "High", action: "enforce" });
    expect(result(json, "C-0066")).toMatchObject({ severity: "Low", action: "enforce" });
  });

  it.each([
    [
      "controls:\n  - controlID: C-0016\n    name: Allow privileged escalation\n",
      /bad\.yaml:3: C-0016 is named "Allow privilege escalation", not "Allow privileged escalation"/,
    ],
    [
      "controls:\n  - controlID: C-0016\n  - controlID: C-0016\n    severity: high\n",
      /bad\.yaml:3: C-0016 is configured twice \(first at line 2\)/,
    ],
    ["controls:\n  - name: Allow privilege escalation\n", /bad\.yaml:2: a control needs controlID \(e\.g\. C-0016\)/],
    [
      "controls:\n  - controlID: C-0016\n    sevrity: high\n",
      /bad\.yaml:3: unknown setting "sevrity" for C-0016 \(did you mean severity\?\)/,
    ],
    ["controls:\n  - controlID: C-9016\n", /bad\.yaml:2: unknown control ID "C-9016" \(did you mean C-0016\?\)/],
    [
      "controls: C-0016\n",
      /bad\.yaml:1: controls is a list of \{controlID, name, severity, action\}, or maps control IDs to \{severity, action\}/,
    ],
    ["controls:\n  - controlID: C-0016\n    action: block\n", /bad\.yaml:3: action is enforce or warn, not "block"/],
  ])("rejects the list form %j with the file and line", async (content, message) => {
    const run = await rampart(["scan", "framework", "nsa", EXAMPLES, "--controls-config", file("bad.yaml", content)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/controls maps control IDs/);
  });

  it.each([
    [
      "insecureCapability: [SYS_ADMIN]\n",
      /bad\.yaml:1: unknown control input or parameter "insecureCapability" \(did you mean insecureCapabilities\?\)/,
    ],
    [
      "controls:\n  C-0016: {}\n  C-9016: { action: warn }\n",
      /bad\.yaml:3: unknown control ID "C-9016" \(did you mean C-0016\?\)/,
    ],
    [
      "controls:\n  C-0016: { severity: severe }\n",
      /bad\.yaml:2: severity is low, medium, high or critical, not "severe"/,
    ],
    ["controls:\n  C-0016: { action: block }\n", /bad\.yaml:2: action is enforce or warn, not "block"/],
    ["sensitiveValues: ['ok', '(?=lookahead)']\n", /bad\.yaml:1: pattern "\(\?=lookahead\)" uses lookaround/],
    ["insecureCapabilities: SYS_ADMIN\n", /bad\.yaml:1: control input "insecureCapabilities" is a list of strings/],
    ["controls: [C-0016\n", /bad\.yaml:\d+: /],
  ])("rejects %j with the file and line", async (content, message) => {
    const run = await rampart(["scan", "framework", "nsa", EXAMPLES, "--controls-config", file("bad.yaml", content)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe("--exceptions", () => {
  it("turns a matching failure into passed with exception, with its justification", async () => {
    const exceptions = file(
      "exceptions.yaml",
      `- name: node-agent-needs-the-host
  policyName: C-0057
  resources: [{ kind: DaemonSet, name: node-agent, namespace: monitoring }]
  justification: the agent reads host metrics
`,
    );
    const { code, json } = await report(["scan", "framework", "nsa", EXAMPLES, "--exceptions", exceptions]);
    expect(code).toBe(0);
    const privileged = result(json, "C-0057");
    expect(privileged?.status).toBe("passed");
    expect(privileged?.resourceCounters).toEqual({ passed: 11, failed: 0, excepted: 1, all: 12 });
    expect(privileged?.complianceScore).toBe(100);
    const agent = privileged?.resources.find((resource) => resource.name === "node-agent");
    expect(agent).toMatchObject({
      status: "passed",
      subStatus: "w/exceptions",
      exception: { name: "node-agent-needs-the-host", justification: "the agent reads host metrics" },
    });
    expect(json.summaryDetails.exceptions).toEqual({ applied: 1, unused: 0, expired: 0 });
    const table = await rampart(["scan", "framework", "nsa", EXAMPLES, "--exceptions", exceptions, "--verbose"]);
    expect(table.stdout).toContain("With exceptions");
    expect(table.stdout).toContain('accepted by exception "node-agent-needs-the-host": the agent reads host metrics');
  });

  it("reads Kubescape's exception policies: anchored regexes, labels, frameworks", async () => {
    const exceptions = file(
      "kubescape.json",
      JSON.stringify([
        {
          name: "shop-web",
          policyType: "postureExceptionPolicy",
          actions: ["alertOnly"],
          resources: [
            { designatorType: "Attributes", attributes: { kind: "Deploy.*", name: "we.", namespace: "shop" } },
          ],
          posturePolicies: [{ frameworkName: "NSA" }],
          reason: "legacy web app",
        },
        {
          name: "not-a-match",
          policyType: "postureExceptionPolicy",
          resources: [{ designatorType: "Attributes", attributes: { kind: "Deployment", name: "we" } }],
          posturePolicies: [{ controlID: "C-0016" }],
        },
      ]),
    );
    const { json, stderr } = await report(["scan", "framework", "nsa", EXAMPLES, "--exceptions", exceptions]);
    const web = (id: string) =>
      result(json, id)?.resources.find((resource) => resource.resourceID === "apps/v1/shop/Deployment/web");
    expect(web("C-0016")?.subStatus).toBe("w/exceptions");
    expect(web("C-0270")?.exception?.justification).toBe("legacy web app");
    expect(stderr).toMatch(/kubescape\.json:\d+: exception "not-a-match" matches no failure/);
    expect(json.exceptions.find((entry) => entry.name === "not-a-match")?.status).toBe("unused");
  });

  it("reports an expired exception and does not apply it", async () => {
    const exceptions = file(
      "expired.yaml",
      "- name: old\n  policyName: C-0057\n  resources: [{ kind: DaemonSet, name: node-agent }]\n  justification: temporary\n  expiration: 2020-01-01\n",
    );
    const { json, stderr } = await report(["scan", "control", "C-0057", EXAMPLES, "--exceptions", exceptions]);
    expect(stderr).toMatch(/expired\.yaml:1: exception "old" has expired; not applied/);
    expect(result(json, "C-0057")?.status).toBe("failed");
    expect(json.exceptions[0]?.status).toBe("expired");
  });

  it("reads exceptions: [...] as written in Kubescape guides, and several files", async () => {
    const system = file(
      "system.yaml",
      `exceptions:
  - name: "monitoring-agent"
    policyName: C-0057
    resources:
      - kind: DaemonSet
        name: node-agent
        namespace: monitoring
    justification: "The agent needs the host"
`,
    );
    const shop = file(
      "shop.yaml",
      "- name: shop-web\n  policyName: C-0016\n  resources: [{kind: Deployment, name: web, namespace: shop}]\n  justification: legacy\n",
    );
    const other = file(
      "other.yaml",
      "exceptions:\n  - name: host-path\n    policyName: C-0048\n    resources: [{kind: DaemonSet, name: node-agent}]\n    justification: metrics\n  - name: nothing\n    policyName: C-0017\n    resources: [{kind: Deployment, name: none}]\n",
    );
    const repeated = await report([
      "scan",
      "framework",
      "nsa",
      EXAMPLES,
      "--exceptions",
      system,
      "--exceptions",
      `${shop},${other}`,
    ]);
    expect(repeated.code).toBe(0);
    expect(repeated.json.exceptions).toEqual([
      expect.objectContaining({
        name: "monitoring-agent",
        where: `${system}:2`,
        justification: "The agent needs the host",
        status: "applied",
        applied: 1,
        controls: ["C-0057"],
        statusText: "applied to 1 failure",
      }),
      expect.objectContaining({
        name: "shop-web",
        where: `${shop}:1`,
        status: "applied",
        statusText: "applied to 1 failure",
      }),
      expect.objectContaining({
        name: "host-path",
        where: `${other}:2`,
        status: "unused",
        controls: [],
        statusText: "names no control this scan evaluates (C-0048)",
      }),
      expect.objectContaining({
        name: "nothing",
        where: `${other}:6`,
        status: "unused",
        statusText: "matched no failure",
      }),
    ]);
    expect(repeated.stderr).toContain(
      `${other}:2: exception "host-path" names no control this scan evaluates (C-0048)`,
    );
    expect(repeated.stderr).toContain(`${other}:6: exception "nothing" matches no failure`);
    // Every exception in the table report, with where it is written, what became of it and why.
    const table = await rampart(["scan", "framework", "nsa", EXAMPLES, "--exceptions", `${system},${other}`]);
    expect(table.stdout).toContain(
      `${system}:2: exception "monitoring-agent": applied to 1 failure; justification: The agent needs the host`,
    );
    expect(table.stdout).toContain(`${other}:6: exception "nothing": matched no failure`);
  });

  it.each([
    [
      "exceptions:\n  - name: x\n    policyName: C-0016\n    resources: [{kind: Pod}]\n    justifcation: typo\n",
      /bad-exceptions\.yaml:5: unknown key "justifcation" in an exception \(did you mean justification\?\)/,
    ],
    [
      "exceptions:\n  - name: x\n    policyName: C-0016\nversion: 2\n",
      /bad-exceptions\.yaml:4: unknown key "version" beside exceptions/,
    ],
    ["exceptions: {name: x}\n", /bad-exceptions\.yaml:1: exceptions is a list of exceptions/],
    ["just text\n", /bad-exceptions\.yaml:1: an exceptions file lists exceptions/],
    [
      "exceptions:\n  - name: x\n    policyName: C-0016\n",
      /bad-exceptions\.yaml:2: x needs resources: a list of objects it exempts/,
    ],
  ])("rejects %j with the file and line", async (content, message) => {
    const run = await rampart([
      "scan",
      "control",
      "C-0057",
      EXAMPLES,
      "--exceptions",
      file("bad-exceptions.yaml", content),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("rejects a malformed exception with the file and line", async () => {
    const run = await rampart([
      "scan",
      "control",
      "C-0057",
      EXAMPLES,
      "--exceptions",
      file("broken.yaml", "- name: x\n  resources: []\n"),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/broken\.yaml:2: x needs resources/);
  });
});

describe("namespace filters", () => {
  it("--include-namespaces scans only those namespaces", async () => {
    const { json } = await report(["scan", "framework", "nsa", EXAMPLES, "--include-namespaces", "shop"]);
    expect(new Set(json.resources.map((resource) => resource.namespace))).toEqual(new Set(["shop"]));
  });

  it("--exclude-namespaces skips them; cluster-scoped objects are never filtered", async () => {
    const namespace = file("namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n");
    const { json } = await report([
      "scan",
      "framework",
      "nsa",
      EXAMPLES,
      namespace,
      "--exclude-namespaces",
      "shop,monitoring,kube-system",
    ]);
    expect(json.resources.map((resource) => `${resource.kind}/${resource.name}`).sort()).toEqual([
      "CronJob/nightly-report",
      "Job/migrate-db",
      "Namespace/shop",
    ]);
  });
});

describe("CI gates", () => {
  it("--fail-threshold (and --compliance-threshold) compare the compliance score", async () => {
    expect((await rampart(["scan", "framework", "nsa", EXAMPLES, "--fail-threshold", "80"])).code).toBe(1);
    expect((await rampart(["scan", "framework", "nsa", EXAMPLES, "--compliance-threshold", "10"])).code).toBe(0);
    const breached = await rampart([
      "scan",
      "framework",
      "nsa",
      EXAMPLES,
      "--compliance-threshold",
      "80",
      "--format",
      "json",
    ]);
    const score = (JSON.parse(breached.stdout) as JsonReport).summaryDetails.score;
    expect(score).toBeLessThan(80);
    expect(breached.stderr).toContain(`gate failed: compliance score ${score?.toFixed(2)} is below the threshold 80`);
  });

  it("--severity-threshold fails on failing controls at or above it, except warn controls", async () => {
    expect((await rampart(["scan", "framework", "nsa", EXAMPLES, "--severity-threshold", "critical"])).code).toBe(0);
    expect((await rampart(["scan", "framework", "nsa", EXAMPLES, "--severity-threshold", "high"])).code).toBe(1);
    const config = file(
      "warn.yaml",
      "controls:\n  C-0012: {action: warn}\n  C-0041: {action: warn}\n  C-0046: {action: warn}\n  C-0057: {action: warn}\n  C-0270: {action: warn}\n  C-0271: {action: warn}\n",
    );
    const warned = await rampart([
      "scan",
      "framework",
      "nsa",
      EXAMPLES,
      "--severity-threshold",
      "high",
      "--controls-config",
      config,
    ]);
    expect(warned.code).toBe(0);
  });

  it("a control whose own action is warn (C-0026 lists every CronJob) fails without failing the threshold", async () => {
    const cronJobs = path.join(EXAMPLES, "batch.yaml");
    const { json, code } = await report(["scan", "control", "C-0026", cronJobs, "--severity-threshold", "low"]);
    expect(result(json, "C-0026")?.status).toBe("failed");
    expect(code).toBe(0);
    const config = file("enforce.yaml", "controls:\n  C-0026: {action: enforce}\n");
    const enforced = [
      "scan",
      "control",
      "C-0026",
      cronJobs,
      "--severity-threshold",
      "low",
      "--controls-config",
      config,
    ];
    expect((await rampart(enforced)).code).toBe(1);
  });

  it("rejects a threshold out of range", async () => {
    const run = await rampart(["scan", "framework", "nsa", EXAMPLES, "--fail-threshold", "180"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/a score between 0 and 100/);
  });
});

describe("scan without a framework, and scan workload", () => {
  it("uses every framework", async () => {
    const { json } = await report(["scan", EXAMPLES]);
    expect(json.summaryDetails.frameworks.map((framework) => framework.name)).toEqual([
      "nsa",
      "mitre",
      "cis-v1.23-t1.0.1",
      "devopsbest",
    ]);
  });

  it("scans one workload, other objects staying visible to cross-resource controls", async () => {
    const { json } = await report(["scan", "workload", "Deployment/web", "-n", "shop", EXAMPLES]);
    expect(json.resources.map((resource) => resource.name)).toEqual(["web"]);
    // The NetworkPolicy of namespace shop is not scanned, but C-0030 still sees it.
    expect(result(json, "C-0030")?.status).toBe("passed");
  });

  it("says when the workload is not in the input", async () => {
    const run = await rampart(["scan", "workload", "Deployment/nope", EXAMPLES]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no Deployment\/nope in the input/);
    expect((await rampart(["scan", "workload", "deploy/web", "-n", "prod", EXAMPLES])).stderr).toMatch(
      /no deploy\/web in namespace prod in the input \(found in namespace shop\)/,
    );
    expect((await rampart(["scan", "workload", "deploymnt/web", EXAMPLES])).stderr).toMatch(
      /no deploymnt\/web in the input \(unknown kind "deploymnt"\) \(did you mean deployment\?\)/,
    );
  });

  it.each([
    ["deployment/web", ["-n", "shop"], ["Deployment/web"]],
    ["deploy/web", [], ["Deployment/web"]],
    ["Deployments.apps/web", ["--namespace", "shop"], ["Deployment/web"]],
    ["ds", ["-A"], ["DaemonSet/node-agent"]],
    ["cj", ["--all-namespaces"], ["CronJob/nightly-report"]],
    ["jobs", [], ["Job/migrate-db"]],
    ["deployment", ["-n", "monitoring"], []],
  ])("reads %s %j as kubectl does", async (target, flags, scanned) => {
    const run = await rampart(["scan", "workload", target, ...flags, EXAMPLES, "--format", "json"]);
    if (scanned.length === 0) {
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`no ${target} in namespace monitoring in the input`));
      return;
    }
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as JsonReport;
    expect(json.resources.map((resource) => `${resource.kind}/${resource.name}`)).toEqual(scanned);
  });

  it("rejects -n with -A, and a target that is not kind or kind/name", async () => {
    const both = await rampart(["scan", "workload", "deploy", "-n", "shop", "-A", EXAMPLES]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/-n\/--namespace and -A\/--all-namespaces exclude each other/);
    const bad = await rampart(["scan", "workload", "deploy/web/x", EXAMPLES]);
    expect(bad.stderr).toMatch(/the workload is written kind or kind\/name/);
  });
});
