// `rampart serve` on a real kube-apiserver: the plain manifests rendered from the Helm chart are
// created as they are (every object accepted, no warning: no unknown field, and the Deployment
// meets the `restricted` Pod Security level its Namespace warns about), and the chart's own
// ServiceAccount, with the chart's read-only ClusterRole, scans the live cluster on schedule:
// the stored report has the findings of an admin's `rampart scan` of the same cluster.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { loadInputs } from "../../runtime/input/load.js";
import type { JsonReport } from "../../runtime/report/json.js";
import { rampart } from "../e2e/run-cli.js";
import { apiServerAvailable, seed, useApiServer } from "../support/apiserver.js";
import { tempFolder } from "../support/cli.js";
import { PLAIN_MANIFESTS } from "../support/helm.js";
import { FRAMEWORKS, startTestServer, type TestServer } from "../support/serve.js";

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

  afterAll(async () => {
    await test?.server.stop();
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
    // The chart's ClusterRole lets it read every kind the controls need: nothing was skipped for it.
    expect(test.logs.join("\n")).not.toMatch(/controls that need .* are skipped/);
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
    expect(findings(stored)).toEqual(findings(JSON.parse(admin.stdout) as JsonReport));
    expect(stored.summaryDetails.controls.failed).toBeGreaterThan(0);
  });
});
