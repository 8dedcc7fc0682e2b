// The Helm chart of `rampart serve` with the real helm: it lints, renders the values users set
// (the article's `--set clusterName=…`, the schedule, frameworks, scope, Prometheus, the token
// Secret, storage) into a configuration `rampart serve` accepts, passes Rampart's own four
// frameworks, and the plain manifests and the image's files follow it.
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import { readExceptionFiles } from "../../runtime/config/exceptions.js";
import type { JsonReport } from "../../runtime/report/json.js";
import { readServeConfig } from "../../runtime/server/config.js";
import { bundleCli } from "../../scripts/bundle.js";
import { rampart } from "../e2e/run-cli.js";
import { skipWithout } from "../report-visual/support.js";
import { tempFolder } from "../support/cli.js";
import { CHART, findHelm, helm, PLAIN_MANIFESTS, renderPlainManifests } from "../support/helm.js";

const noHelm = skipWithout("helm", findHelm() !== undefined);
const work = tempFolder("rampart-helm-");

type Manifest = { kind: string; metadata: { name: string; namespace?: string }; [key: string]: unknown };

function render(...sets: string[]): Manifest[] {
  // A `values.yaml` path is a values file; anything else a --set.
  const args = sets.flatMap((set) => (set.endsWith(".yaml") ? ["--values", set] : ["--set", set]));
  const run = helm(["template", "rampart", CHART, "--namespace", "rampart", ...args]);
  expect(run.status, run.stderr).toBe(0);
  return parseAllDocuments(run.stdout)
    .map((document) => document.toJS() as Manifest | null)
    .filter((manifest): manifest is Manifest => manifest !== null);
}

function find(manifests: readonly Manifest[], kind: string): Manifest {
  const found = manifests.find((manifest) => manifest.kind === kind);
  if (found === undefined) throw new Error(`no ${kind} rendered`);
  return found;
}

interface PodTemplate {
  spec: {
    template: {
      spec: {
        containers: Array<{ args: string[]; securityContext: Record<string, unknown> }>;
        volumes: Array<{
          name: string;
          secret?: { secretName: string };
          persistentVolumeClaim?: unknown;
          emptyDir?: unknown;
        }>;
      };
    };
  };
}

/** The files of the ConfigMap in a folder, as the pod mounts them at /etc/rampart. */
function mountConfig(manifests: readonly Manifest[], name: string): string {
  const folder = path.join(work.folder, name);
  mkdirSync(folder, { recursive: true });
  const data = (find(manifests, "ConfigMap") as unknown as { data: Record<string, string> }).data;
  for (const [file, content] of Object.entries(data)) writeFileSync(path.join(folder, file), content);
  return path.join(folder, "config.json");
}

describe.skipIf(noHelm)("deploy/helm/rampart (needs helm: scripts/install-tools.sh)", () => {
  let defaults: Manifest[];

  beforeAll(() => {
    defaults = render();
  });

  it("passes helm lint", () => {
    const run = helm(["lint", "--strict", CHART]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
  });

  it("renders the service account, read-only cluster role, deployment, service and configuration", () => {
    expect(defaults.map((manifest) => manifest.kind).sort()).toEqual([
      "ClusterRole",
      "ClusterRoleBinding",
      "ConfigMap",
      "Deployment",
      "NetworkPolicy",
      "PersistentVolumeClaim",
      "Secret",
      "Service",
      "ServiceAccount",
    ]);
    for (const manifest of defaults) {
      if (!manifest.kind.startsWith("Cluster")) expect(manifest.metadata.namespace, manifest.kind).toBe("rampart");
    }
    const role = find(defaults, "ClusterRole") as unknown as { rules: Array<{ verbs: string[]; resources: string[] }> };
    expect(new Set(role.rules.flatMap((rule) => rule.verbs))).toEqual(new Set(["list"]));
    expect(role.rules.flatMap((rule) => rule.resources)).not.toContain("secrets");
  });

  it("configures rampart serve as the operator's ConfigMap does, from the default values", () => {
    const config = readServeConfig(mountConfig(defaults, "defaults"));
    expect(config).toMatchObject({
      schedule: "0 2 * * *",
      timeZone: "UTC",
      frameworks: ["nsa", "mitre", "cis-v1.23-t1.0.1"],
      includeNamespaces: undefined,
      excludeNamespaces: ["kube-system"],
      retention: { maxScans: 1000, maxAgeDays: 365 },
    });
    const deployment = find(defaults, "Deployment") as unknown as PodTemplate;
    const container = deployment.spec.template.spec.containers[0];
    expect(container?.args).toEqual([
      "serve",
      "--config=/etc/rampart/config.json",
      "--db=/var/lib/rampart/history.db",
      "--listen=0.0.0.0:8080",
      "--token-file=/var/run/secrets/rampart/token",
      "--grace-period=55",
      "--scan-now",
    ]);
    expect(container?.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
    });
  });

  it("renders the values users set: cluster name, schedule, frameworks, scope, exceptions, Prometheus, token, storage", () => {
    const manifests = render(
      "clusterName=production-cluster",
      "scan.schedule=30 3 * * 1",
      "scan.timeZone=Europe/Paris",
      "scan.frameworks={nsa,devopsbest}",
      "scan.scanScope.includeNamespaces={production,staging}",
      "scan.scanScope.excludeNamespaces=null",
      work.file(
        "exceptions-values.yaml",
        "scan:\n  exceptions: |\n    - name: agent\n      policyName: C-0016\n      resources: [{kind: DaemonSet, name: node-agent, namespace: monitoring}]\n      justification: legacy agent\n",
      ),
      "prometheus.enabled=true",
      "prometheus.kubescapeNames=true",
      "api.existingSecret=my-token",
      "persistence.enabled=false",
    );
    const file = mountConfig(manifests, "custom");
    const config = readServeConfig(file);
    expect(config).toMatchObject({
      clusterName: "production-cluster",
      schedule: "30 3 * * 1",
      timeZone: "Europe/Paris",
      frameworks: ["nsa", "devopsbest"],
      includeNamespaces: ["production", "staging"],
      excludeNamespaces: undefined,
    });
    expect(readExceptionFiles(config.exceptions).map((rule) => rule.name)).toEqual([
      "rampart-serve-service-account",
      "agent",
    ]);
    const service = find(manifests, "Service") as unknown as { metadata: { annotations: Record<string, string> } };
    expect(service.metadata.annotations).toMatchObject({
      "prometheus.io/scrape": "true",
      "prometheus.io/path": "/metrics",
    });
    const deployment = find(manifests, "Deployment") as unknown as PodTemplate;
    expect(deployment.spec.template.spec.containers[0]?.args).toContain("--kubescape-metrics");
    const volumes = deployment.spec.template.spec.volumes;
    expect(volumes.find((volume) => volume.name === "api-token")?.secret?.secretName).toBe("my-token");
    expect(volumes.find((volume) => volume.name === "history")?.emptyDir).toEqual({});
    expect(manifests.map((manifest) => manifest.kind)).not.toContain("Secret");
    expect(manifests.map((manifest) => manifest.kind)).not.toContain("PersistentVolumeClaim");
  });

  it("creates the token Secret with the token given, or a random one", () => {
    const given = find(render("api.token=0123456789abcdef0123"), "Secret") as unknown as { data: { token: string } };
    expect(Buffer.from(given.data.token, "base64").toString()).toBe("0123456789abcdef0123");
    const random = find(defaults, "Secret") as unknown as { data: { token: string } };
    expect(Buffer.from(random.data.token, "base64").toString()).toMatch(/^[A-Za-z0-9]{48}$/);
  });

  it("passes every evaluated control of Rampart's four frameworks, with the chart's one reviewed exception", async () => {
    const file = work.file("chart.yaml", helm(["template", "rampart", CHART, "--namespace", "rampart"]).stdout);
    const framework = ["scan", "framework", "nsa,mitre,cis-v1.23-t1.0.1,devopsbest", file, "--format", "json"];
    // Alone, the manifests fail only C-0053, which reports every service account bound to a role
    // for review: rampart serve's own, bound to its read-only ClusterRole on purpose.
    const bare = JSON.parse((await rampart(framework)).stdout) as JsonReport;
    const failed = (report: JsonReport) =>
      report.results.filter((control) => control.status === "failed").map((control) => control.controlID);
    expect(failed(bare)).toEqual(["C-0053"]);
    const c0053 = bare.results.find((control) => control.controlID === "C-0053");
    expect(
      c0053?.resources.filter((resource) => resource.status === "failed").map((resource) => resource.resourceID),
    ).toEqual([
      "v1/rampart/ServiceAccount/rampart@rbac.authorization.k8s.io/v1//ClusterRoleBinding/rampart-serve.subjects[0]",
    ]);
    // The chart's ConfigMap accepts it (rampart-exceptions.yaml, which serve's configuration lists):
    // with it, every evaluated control passes and every framework scores 100%.
    const config = readServeConfig(mountConfig(defaults, "scan"));
    expect(config.exceptions.map((exception) => path.basename(exception))).toEqual(["rampart-exceptions.yaml"]);
    const run = await rampart([...framework, "--exceptions", config.exceptions.join(",")]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(failed(report)).toEqual([]);
    expect(report.summaryDetails.exceptions).toMatchObject({ applied: 1, unused: 0, expired: 0 });
    for (const entry of report.summaryDetails.frameworks) expect(entry.score, entry.name).toBe(100);
  });

  it("keeps deploy/rampart.yaml rendered from the chart, with the Namespace and no token in it", async () => {
    expect(readFileSync(PLAIN_MANIFESTS, "utf8"), "run: npx tsx scripts/write-deploy-manifests.ts").toBe(
      renderPlainManifests(),
    );
    const kinds = parseAllDocuments(readFileSync(PLAIN_MANIFESTS, "utf8")).map((document) => document.get("kind"));
    expect(kinds[0]).toBe("Namespace");
    expect(kinds).not.toContain("Secret");
    // With its Namespace and the chart's exception (C-0053 on its own service account), the plain
    // manifests pass every control but C-0209, which lists every Namespace for review (as Kubescape
    // does): no manifest can pass it.
    const config = readServeConfig(
      mountConfig(
        parseAllDocuments(readFileSync(PLAIN_MANIFESTS, "utf8")).map((document) => document.toJS() as Manifest),
        "plain",
      ),
    );
    const run = await rampart([
      "scan",
      "framework",
      "nsa,mitre,cis-v1.23-t1.0.1,devopsbest",
      PLAIN_MANIFESTS,
      "--exceptions",
      config.exceptions.join(","),
      "--format",
      "json",
    ]);
    const report = JSON.parse(run.stdout) as JsonReport;
    const failing = report.results.filter((control) => control.status === "failed").map((control) => control.controlID);
    expect(failing).toEqual(["C-0209"]);
  });

  it("grants what deploy/rbac-scanner.yaml grants `rampart scan` on a live cluster", () => {
    const scanner = path.join(PROJECT_ROOT, "deploy", "rbac-scanner.yaml");
    if (!existsSync(scanner)) {
      console.warn(
        "test/deploy/helm.test.ts: deploy/rbac-scanner.yaml is not in this tree yet; the rules are not compared",
      );
      return;
    }
    const documents = parseAllDocuments(readFileSync(scanner, "utf8")).map((document) => document.toJS() as Manifest);
    type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
    const rules = (manifests: readonly Manifest[]) =>
      (find(manifests, "ClusterRole") as unknown as { rules: Rule[] }).rules;
    const expected = rules(documents);
    // With rbac.listSecrets, the same rules; by default, all of them but `list` on Secrets.
    expect(rules(render("rbac.listSecrets=true"))).toEqual(expected);
    const withoutSecrets = expected.map((rule) => ({
      ...rule,
      resources: rule.resources.filter((resource) => !(rule.apiGroups[0] === "" && resource === "secrets")),
    }));
    expect(rules(defaults)).toEqual(withoutSecrets);
  });
});

describe("the image (Dockerfile)", () => {
  it("holds what rampart serve needs: its files alone run a scan", async () => {
    const dockerfile = readFileSync(path.join(PROJECT_ROOT, "Dockerfile"), "utf8");
    const copied = [...dockerfile.matchAll(/^COPY --from=build \/src\/(\S+) /gm)].map((match) => match[1] as string);
    expect(copied).toEqual(["package.json", "node_modules", "dist", "bin", "generated", "frameworks/catalog"]);
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
    // The final stage's files, from this checkout's build (node_modules linked, not copied).
    const image = path.join(work.folder, "image");
    mkdirSync(image);
    for (const entry of copied) {
      if (entry === "node_modules") symlinkSync(path.join(PROJECT_ROOT, entry), path.join(image, entry));
      else if (entry !== "dist") cpSync(path.join(PROJECT_ROOT, entry), path.join(image, entry), { recursive: true });
    }
    // bin/rampart.js runs the bundle (scripts/bundle.ts), made here as `npm run build` makes it.
    await bundleCli(path.join(image, "dist", "bundle"));
    const { spawnSync } = await import("node:child_process");
    const run = spawnSync(
      process.execPath,
      [
        path.join(image, "bin", "rampart.js"),
        "scan",
        "framework",
        "nsa",
        path.join(PROJECT_ROOT, "examples"),
        "--format",
        "json",
      ],
      { encoding: "utf8", cwd: image },
    );
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as JsonReport).summaryDetails.frameworks[0]?.name).toBe("nsa");
  });
});
