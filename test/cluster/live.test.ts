// Scanning a real API server: the live scan equals the scan of `rampart dump` of the same cluster
// and the scan of the same manifests as files (findings and scores), with namespace filters and
// `scan workload` too; the read-only identity of deploy/rbac-scanner.yaml scans like the admin;
// an identity that may not list some kinds skips exactly the controls that need them, saying why.
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { kindsNeeded } from "../../runtime/cluster/kinds.js";
import { scannerRules } from "../../runtime/cluster/rbac.js";
import { compiledLookups } from "../../runtime/generated.js";
import { loadInputs } from "../../runtime/input/load.js";
import type { JsonReport } from "../../runtime/report/json.js";
import { builtinLibrary, selectControls, selectFrameworks } from "../../runtime/selection.js";
import { rampart } from "../e2e/run-cli.js";
import { apiServerAvailable, seed, useApiServer } from "../support/apiserver.js";
import { jsonOf, tempFolder } from "../support/cli.js";

const SEED = path.join(import.meta.dirname, "seed", "cluster.yaml");
const library = builtinLibrary();
const FRAMEWORKS = [...library.frameworks.keys()];

interface ResultEntry {
  readonly controlID: string;
  readonly status: string;
  readonly statusReason?: string;
  readonly complianceScore: number | null;
  readonly resourceCounters: unknown;
  readonly resources: ReadonlyArray<{ resourceID: string; status: string; violations?: unknown[]; error?: unknown }>;
}

/**
 * What must be equal between two scans: scores, counts, and each control's findings, not where
 * objects came from (nor the objects of kinds no control reads, which files hold and a live
 * scan does not list).
 */
function findings(report: JsonReport) {
  const results = (report as unknown as { results: ResultEntry[] }).results;
  return {
    summary: report.summaryDetails,
    controls: results.map((result) => ({
      id: result.controlID,
      status: result.status,
      statusReason: result.statusReason,
      complianceScore: result.complianceScore,
      counters: result.resourceCounters,
      resources: result.resources
        .map(({ resourceID, status, violations, error }) => ({
          resourceID,
          status,
          // Not the patch: an edit of the object as read, which on a cluster holds what the API
          // server fills in (resources: {}, the namespace name label) and a file does not.
          violations: (violations as Array<Record<string, unknown>> | undefined)?.map(
            ({ patch: _patch, ...rest }) => rest,
          ),
          error,
        }))
        .sort((a, b) => a.resourceID.localeCompare(b.resourceID)),
    })),
  };
}

function failedControls(report: JsonReport): number {
  return (report.summaryDetails as unknown as { controls: { failed: number } }).controls.failed;
}

const available = apiServerAvailable();

describe.runIf(available)("scanning a live cluster (a real kube-apiserver)", () => {
  const api = useApiServer();
  const { folder, file } = tempFolder("rampart-live-");
  const baseline = file("baseline.json");
  const dump = file("cluster.json");

  beforeAll(async () => {
    // What the API server makes by itself (and scripts/test-apiserver.sh applies), before the seed:
    // the files side of the comparison is this dump and the seed manifests.
    const before = await rampart(["dump", "--kubeconfig", api.current.kubeconfig, "-o", baseline]);
    expect(before.code, before.stderr).toBe(0);
    await seed(
      api.current,
      loadInputs([SEED]).objects.map((entry) => entry.object),
    );
    const after = await rampart(["dump", "--kubeconfig", api.current.kubeconfig, "-o", dump]);
    expect(after.code, after.stderr).toBe(0);
  });

  it("live = dump = files: the same findings and scores, with every framework", async () => {
    const live = await jsonOf(["scan", "--kubeconfig", api.current.kubeconfig]);
    const dumped = await jsonOf(["scan", dump]);
    const files = await jsonOf(["scan", baseline, SEED]);
    expect(failedControls(live)).toBeGreaterThan(3);
    expect(findings(dumped)).toEqual(findings(live));
    expect(findings(files)).toEqual(findings(live));
    expect(live.clusterName).toBe("rampart-test");
    expect(dumped.clusterName).toBe("rampart-test");
  });

  it.each(FRAMEWORKS)("live = dump = files with framework %s, and with namespace filters", async (framework) => {
    for (const filters of [
      [],
      ["--include-namespaces", "production,staging"],
      ["--exclude-namespaces", "production,kube-system"],
    ]) {
      const live = await jsonOf(["scan", "framework", framework, "--kubeconfig", api.current.kubeconfig, ...filters]);
      const dumped = await jsonOf(["scan", "framework", framework, dump, ...filters]);
      const files = await jsonOf(["scan", "framework", framework, baseline, SEED, ...filters]);
      expect(findings(dumped), filters.join(" ")).toEqual(findings(live));
      expect(findings(files), filters.join(" ")).toEqual(findings(live));
    }
  });

  it("scan workload Deployment/web-app -n production reads the cluster", async () => {
    const args = ["scan", "workload", "Deployment/web-app", "-n", "production"];
    const live = await jsonOf([...args, "--kubeconfig", api.current.kubeconfig]);
    const files = await jsonOf([...args, baseline, SEED]);
    expect(findings(files)).toEqual(findings(live));
    expect(live.resources.map((resource) => resource.resourceID)).toEqual(["apps/v1/production/Deployment/web-app"]);
    const missing = await rampart(["scan", "workload", "Deployment/nope", "--kubeconfig", api.current.kubeconfig]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no Deployment\/nope in the cluster/);
  });

  it("reports of a live scan: the cluster's name, objects without files (Kubescape's v2 form too)", async () => {
    const v2 = await rampart([
      "scan",
      "framework",
      "nsa",
      "--kubeconfig",
      api.current.kubeconfig,
      "--format",
      "json",
      "--format-version",
      "kubescape-v2",
    ]);
    expect(v2.code, v2.stderr).toBe(0);
    const report = JSON.parse(v2.stdout) as {
      clusterName: string;
      resources: Array<{ resourceID: string; source?: unknown }>;
    };
    expect(report.clusterName).toBe("rampart-test");
    expect(report.resources.length).toBeGreaterThan(5);
    expect(report.resources.filter((resource) => resource.source !== undefined)).toEqual([]);
    const pretty = await rampart(["scan", "framework", "nsa", "--kubeconfig", api.current.kubeconfig, "--verbose"]);
    expect(pretty.stdout).toContain("    Deployment/web-app (live cluster)");
  });

  it("the dump holds every object the controls read, with kind and apiVersion, without managedFields", () => {
    const loaded = loadInputs([dump]);
    const [info] = loaded.dumps ?? [];
    expect(info?.clusterName).toBe("rampart-test");
    expect(info?.unreadable.size).toBe(0);
    const web = loaded.objects.find(
      (entry) => entry.object.kind === "Deployment" && (entry.object.metadata as { name: string }).name === "web-app",
    )?.object;
    expect(web?.apiVersion).toBe("apps/v1");
    const metadata = (web?.metadata ?? {}) as Record<string, unknown>;
    expect(metadata.managedFields).toBeUndefined();
    expect(metadata.uid).toEqual(expect.any(String));
  });

  it("the read-only identity of deploy/rbac-scanner.yaml scans what the admin scans", async () => {
    const admin = await jsonOf(["scan", "--kubeconfig", api.current.kubeconfig]);
    const readonly = await rampart(["scan", "--kubeconfig", api.current.readonlyKubeconfig, "--format", "json"]);
    expect(readonly.code, readonly.stderr).toBe(0);
    expect(readonly.stderr).toBe("");
    expect(findings(JSON.parse(readonly.stdout) as JsonReport)).toEqual(findings(admin));
  });

  it("an identity that cannot list Secrets, RoleBindings or ConfigMaps skips exactly the controls that need them, with the reason", async () => {
    // ConfigMaps too, so that some control is skipped while no built-in control reads Secrets or RoleBindings.
    const refused = new Map([
      ["Secret", "secrets"],
      ["RoleBinding", "rolebindings"],
      ["ConfigMap", "configmaps"],
    ]);
    const everything = selectControls(library, [...library.controls.keys()]);
    const rules = scannerRules(everything, compiledLookups())
      .map((rule) => ({ ...rule, resources: (rule.resources ?? []).filter((r) => ![...refused.values()].includes(r)) }))
      .filter((rule) => rule.resources.length > 0);
    const labels = { "rampart.dev/test": "limited" };
    await seed(api.current, [
      { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "limited", namespace: "rampart", labels } },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRole",
        metadata: { name: "rampart-limited", labels },
        rules,
      },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "ClusterRoleBinding",
        metadata: { name: "rampart-limited", labels },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "rampart-limited" },
        subjects: [{ kind: "ServiceAccount", name: "limited", namespace: "rampart" }],
      },
    ]);
    const kubeconfig = await api.current.serviceAccountKubeconfig("rampart", "limited");
    const selection = selectFrameworks(library, FRAMEWORKS);
    const lookups = compiledLookups();
    const expected = selection.controls
      .filter((selected) => kindsNeeded(selected, lookups).some((kind) => refused.has(kind)))
      .map((selected) => selected.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);

    const run = await rampart(["scan", "--kubeconfig", kubeconfig, "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    const results = (report as unknown as { results: ResultEntry[] }).results;
    const skippedForAccess = results.filter((result) => result.statusReason?.startsWith("could not read"));
    expect(skippedForAccess.map((result) => result.controlID).sort()).toEqual(expected);
    for (const result of skippedForAccess) {
      expect(result.status).toBe("skipped");
      expect(result.statusReason).toMatch(
        /cannot list (Secret|RoleBinding|ConfigMap) .*is forbidden: User "system:serviceaccount:rampart:limited" cannot list resource/,
      );
    }
    expect(run.stderr).toMatch(
      /warning: cannot list ConfigMap \(configmaps\): configmaps is forbidden: .*; the controls that need ConfigMap are skipped/,
    );
    // The other controls are evaluated as with every permission.
    const admin = findings(await jsonOf(["scan", "--kubeconfig", api.current.kubeconfig]));
    const limited = findings(report);
    expect(limited.controls.filter((control) => !expected.includes(control.id))).toEqual(
      admin.controls.filter((control) => !expected.includes(control.id)),
    );

    // A dump made by that identity records what it could not read: its scan skips the same controls.
    const limitedDump = file("limited.json");
    const dumped = await rampart(["dump", "--kubeconfig", kubeconfig, "-o", limitedDump]);
    expect(dumped.code, dumped.stderr).toBe(0);
    expect(findings(await jsonOf(["scan", limitedDump]))).toEqual(limited);
  });

  it("feeds Node objects to the controls that read nodes (a policy project's, here)", async () => {
    const project = path.join(folder, "node-policies");
    const init = await rampart(["init", project]);
    expect(init.code, init.stderr).toBe(0);
    writeFileSync(path.join(project, "controls", "ORG-0001-owner-label.ts"), NODE_CONTROL);
    rmSync(path.join(project, "fixtures"), { recursive: true, force: true });
    const args = ["scan", "control", "ORG-0001", "--controls", project];
    const live = await jsonOf([...args, "--kubeconfig", api.current.kubeconfig]);
    const results = (live as unknown as { results: ResultEntry[] }).results;
    expect(results[0]?.resources.map((resource) => [resource.resourceID, resource.status])).toEqual([
      ["v1//Node/worker-1", "failed"],
    ]);
    // The baseline dump was made for the built-in controls, which read nodes too (C-0058's kubelet
    // versions): it serves this control as the cluster does. (A dump without a kind a control
    // needs says so: test/cluster/connection.test.ts.)
    expect(findings(await jsonOf([...args, baseline, SEED]))).toEqual(findings(live));
    expect(findings(await jsonOf([...args, SEED]))).toEqual(findings(live));
    const nodeDump = file("nodes.json");
    const dumped = await rampart([
      "dump",
      "--controls",
      project,
      "--kubeconfig",
      api.current.kubeconfig,
      "-o",
      nodeDump,
    ]);
    expect(dumped.code, dumped.stderr).toBe(0);
    expect(findings(await jsonOf([...args, nodeDump]))).toEqual(findings(live));
  });
});

const NODE_CONTROL = `import { control, violation } from "rampart/dsl";

/** Nodes say which zone they are in. */
export default control({
  id: "ORG-0001",
  name: "Nodes name their zone",
  baseScore: 3,
  category: "Governance",
  description: "Every node carries the topology.kubernetes.io/zone label.",
  remediation: "Label the node with its zone.",
  kinds: ["Node"],
  check(node) {
    const zone = node.metadata?.labels?.["topology.kubernetes.io/zone"] ?? "";
    return zone === ""
      ? [violation(\`Node \${node.metadata?.name ?? ""} has no zone label\`, { paths: ["metadata.labels"] })]
      : [];
  },
});
`;
