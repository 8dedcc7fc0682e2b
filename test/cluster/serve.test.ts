// `rampart serve` on a real kube-apiserver: the plain manifests rendered from the Helm chart are
// created as they are (every object accepted, no warning: no unknown field, and the Deployment
// meets the `restricted` Pod Security level its Namespace warns about), and the chart's own
// ServiceAccount, with the chart's read-only ClusterRole, scans the live cluster on schedule:
// the stored report has the findings of an admin's `rampart scan` of the same cluster (but C-0212,
// which needs Secrets the chart does not list by default). And
// `rampart serve` as a process, configured by the chart's ConfigMap: scheduled scans and a manual
// trigger of the live cluster, the article's jq recipes on /v1/scans, the token, /metrics, SIGTERM.
import type { ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { loadInputs } from "../../runtime/input/load.js";
import type { JsonReport } from "../../runtime/report/json.js";
import { rampart } from "../e2e/run-cli.js";
import { apiServerAvailable, seed, useApiServer } from "../support/apiserver.js";
import { tempFolder } from "../support/cli.js";
import { PLAIN_MANIFESTS } from "../support/helm.js";
import { FRAMEWORKS, startTestServer, type TestServer, TOKEN } from "../support/serve.js";
import { serveProcess } from "../support/serve-process.js";

const SEED = path.join(import.meta.dirname, "seed", "cluster.yaml");
const available = apiServerAvailable();

/** What must agree between two reports of the same cluster: scores and each control's findings. */
function findings(report: JsonReport) {
  return {
    summary: report.summaryDetails,
    controls: report.results.map((control) => ({
      id: control.controlID,
      status: control.status,
      statusReason: "statusReason" in control ? control.statusReason : undefined,
      failing: control.resources
        .filter((resource) => resource.status !== "passed")
        .map((resource) => resource.resourceID)
        .sort(),
    })),
  };
}

describe.runIf(available)("rampart serve on a live cluster (a real kube-apiserver)", () => {
  const api = useApiServer();
  const work = tempFolder("rampart-serve-live-");
  let test: TestServer | undefined;

  beforeAll(async () => {
    await seed(
      api.current,
      loadInputs([SEED]).objects.map((entry) => entry.object),
    );
  }, 120_000);

  const children: ChildProcess[] = [];

  afterAll(async () => {
    await test?.server.stop();
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  });

  it("accepts every object of deploy/rampart.yaml, without a warning", async () => {
    const objects = parseAllDocuments(readFileSync(PLAIN_MANIFESTS, "utf8")).map(
      (document) => document.toJS() as Record<string, unknown>,
    );
    for (const object of objects) {
      let answer = await api.current.create(object);
      if (object.kind === "Namespace" && answer.status === 409) {
        // scripts/test-apiserver.sh made the namespace for deploy/rbac-scanner.yaml: ours replaces it.
        answer = await api.current.request("PUT", "/api/v1/namespaces/rampart", object);
        if (answer.status === 200) answer = { ...answer, status: 201 };
      }
      const name = `${object.kind as string} ${(object.metadata as { name: string }).name}`;
      expect(answer.status, `${name}: ${String(answer.body.message)}`).toBe(201);
      expect(answer.warnings, name).toEqual([]);
    }
    const secret = await api.current.create({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "rampart-api-token", namespace: "rampart" },
      stringData: { token: "a-token-of-the-cluster-0123456789" },
    });
    expect(secret.status).toBe(201);
  });

  it("refuses, in the chart's namespace, a pod the `restricted` level forbids (the label is enforced)", async () => {
    const answer = await api.current.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "root", namespace: "rampart" },
      spec: {
        serviceAccountName: "rampart",
        containers: [{ name: "c", image: "busybox:1.36", securityContext: { privileged: true } }],
      },
    });
    expect(answer.status).toBe(403);
    expect(String(answer.body.message)).toMatch(/violates PodSecurity "restricted:latest"/);
  });

  it("scans the cluster as the chart's ServiceAccount, with the findings of an admin's scan", async () => {
    const kubeconfig = await api.current.serviceAccountKubeconfig("rampart", "rampart");
    test = await startTestServer(work.file("history.db"), [], {
      source: { kind: "cluster", kubeconfig },
      config: { clusterName: "" },
    });
    expect(test.logs[0]).toMatch(/scanning the cluster of .*kubeconfig-rampart-rampart/);
    const job = await test.scan();
    expect(job.status, `${job.error}\n${test.logs.join("\n")}`).toBe("stored");
    // The chart's ClusterRole lets it read every kind the controls need but Secrets (without
    // rbac.listSecrets): only the controls that need Secrets were skipped for it.
    expect(test.logs.join("\n").match(/the controls that need \S+ are skipped/g)).toEqual([
      "the controls that need Secret are skipped",
    ]);
    const stored = (await test.call(`/v1/scans/${job.id}`)).json() as JsonReport;
    expect(stored.scanTargets).toEqual(["<cluster>"]);
    expect(stored.clusterName).toBe("rampart-test");
    const admin = await rampart([
      "scan",
      "framework",
      FRAMEWORKS.join(","),
      "--kubeconfig",
      api.current.kubeconfig,
      "--format",
      "json",
    ]);
    expect(admin.code, admin.stderr).toBe(0);
    // C-0212 (objects in the default namespace) is the one control that reads Secrets.
    const needSecrets = stored.results.filter(
      (control) => control.status === "skipped" && /Secret/.test(control.statusReason ?? ""),
    );
    expect(needSecrets.map((control) => control.controlID)).toEqual(["C-0212"]);
    const others = (report: JsonReport) => findings(report).controls.filter((control) => control.id !== "C-0212");
    expect(others(stored)).toEqual(others(JSON.parse(admin.stdout) as JsonReport));
    expect(stored.summaryDetails.controls.failed).toBeGreaterThan(0);
  });

  it("runs as the chart configures it: scheduled scans and a manual trigger, the API, metrics, SIGTERM", async () => {
    // The files of the plain manifests' ConfigMap as the pod mounts them, with a schedule that
    // fires every 20 seconds instead of at 02:00.
    const manifests = parseAllDocuments(readFileSync(PLAIN_MANIFESTS, "utf8")).map(
      (document) => document.toJS() as { kind: string; data?: Record<string, string> },
    );
    const data = manifests.find((manifest) => manifest.kind === "ConfigMap")?.data ?? {};
    const etc = path.join(work.folder, "etc-rampart");
    mkdirSync(etc, { recursive: true });
    for (const [name, content] of Object.entries(data)) writeFileSync(path.join(etc, name), content);
    const config = JSON.parse(data["config.json"] ?? "{}") as { scan: Record<string, unknown> };
    expect(config.scan.scanSchedule).toBe("0 2 * * *");
    config.scan.scanSchedule = "*/20 * * * * *";
    writeFileSync(path.join(etc, "config.json"), JSON.stringify(config));
    const kubeconfig = await api.current.serviceAccountKubeconfig("rampart", "rampart");
    const serve = await serveProcess(
      [
        "--config",
        path.join(etc, "config.json"),
        "--db",
        work.file("process.db"),
        "--token-file",
        work.file("token", `${TOKEN}\n`),
        "--listen",
        "127.0.0.1:0",
        "--kubeconfig",
        kubeconfig,
      ],
      children,
    );
    const get = (route: string, token: string | null = TOKEN, method = "GET") =>
      fetch(`${serve.url}${route}`, {
        method,
        headers: token === null ? {} : { authorization: `Bearer ${token}` },
      });
    type Listing = {
      scans: Array<{ id: number; date: string; score: number; trigger: string }>;
      pending: Array<{ id: number }>;
    };
    const listing = async () => (await (await get("/v1/scans")).json()) as Listing;
    const until = async (done: (seen: Listing) => boolean) => {
      const deadline = Date.now() + 240_000;
      let seen = await listing();
      while (!done(seen) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        seen = await listing();
      }
      expect(done(seen), serve.output()).toBe(true);
      return seen;
    };
    try {
      expect(serve.output()).toMatch(/schedule "\*\/20 \* \* \* \* \*" \(UTC\), next at /);
      // The schedule fires on its own…
      await until((seen) => seen.scans.some((scan) => scan.trigger === "schedule"));
      // …and a manual trigger is queued (202 and its ID), then stored under that ID.
      const posted = await get("/v1/scans", TOKEN, "POST");
      expect(posted.status).toBe(202);
      const { id } = (await posted.json()) as { id: number };
      const seen = await until((listed) => listed.scans.some((scan) => scan.id === id));
      expect(seen.scans.find((scan) => scan.id === id)?.trigger).toBe("manual");

      // The article's jq recipes, with the real jq, on what the API answers.
      const text = await (await get("/v1/scans")).text();
      const jq = (filter: string) =>
        execFileSync("jq", ["-c", filter], { input: text, encoding: "utf8" })
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line) as { date: string; score: number });
      const recipe = jq(".scans[] | {date, score}");
      expect(recipe.length).toBeGreaterThanOrEqual(2);
      for (const entry of recipe) expect(Object.keys(entry)).toEqual(["date", "score"]);
      const sorted = jq(".scans | sort_by(.date) | .[]");
      expect(sorted.map((entry) => entry.date)).toEqual(recipe.map((entry) => entry.date).sort());

      // The stored report: the cluster read with the chart's ServiceAccount, the chart's
      // exception of that ServiceAccount (C-0053) applied.
      const report = (await (await get(`/v1/scans/${id}`)).json()) as JsonReport;
      expect(report.scanTargets).toEqual(["<cluster>"]);
      const c0053 = report.results.find((control) => control.controlID === "C-0053");
      const own = c0053?.resources.find((resource) =>
        resource.resourceID.startsWith("v1/rampart/ServiceAccount/rampart@"),
      );
      expect(own).toMatchObject({ status: "passed", subStatus: "w/exceptions" });

      // /v1 refuses a missing or a wrong token, with a JSON error.
      for (const token of [null, "not-the-token-0123456789"]) {
        const refused = await get("/v1/scans", token);
        expect(refused.status).toBe(401);
        expect(((await refused.json()) as { error: string }).error).toEqual(expect.any(String));
      }

      // /metrics, through a Prometheus text parser: the latest scan's score.
      const latest = (await (await get("/v1/scans/latest")).json()) as JsonReport;
      const metrics = parsePrometheusTextFormat(await (await get("/metrics", null)).text());
      const cluster = metrics.find((family) => family.name === "rampart_cluster_complianceScore");
      expect(Number(cluster?.metrics[0]?.value)).toBe(latest.summaryDetails.score);

      // SIGTERM: the running scan (if any) finishes or is abandoned, and the process exits 0.
      serve.child.kill("SIGTERM");
      expect((await serve.exited).code, serve.output()).toBe(0);
      expect(serve.output()).toMatch(/rampart serve: stopped\n$/);
      expect(serve.output()).not.toContain(TOKEN);
    } finally {
      if (serve.child.exitCode === null) serve.child.kill("SIGKILL");
    }
  }, 400_000);
});
