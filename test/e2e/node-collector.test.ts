// deploy/node-collector.yaml: Rampart's own controls fail it only where its exceptions file says
// (and each exception is used), and a real API server accepts every object of it.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import { apiServerAvailable, useApiServer } from "../support/apiserver.js";
import { rampart } from "./run-cli.js";

const MANIFEST = path.join(PROJECT_ROOT, "deploy", "node-collector.yaml");
const EXCEPTIONS = path.join(PROJECT_ROOT, "deploy", "node-collector-exceptions.yaml");

interface Report {
  readonly summaryDetails: { controls: { failed: number } };
  readonly exceptions: ReadonlyArray<{ name: string; status: string; applied: number }>;
  readonly results: ReadonlyArray<{
    controlID: string;
    status: string;
    resources: ReadonlyArray<{ resourceID: string; status: string }>;
  }>;
}

async function scan(...extra: string[]): Promise<Report> {
  const run = await rampart(["scan", MANIFEST, ...extra, "--format", "json"]);
  expect(run.code, run.stderr).toBeLessThan(2);
  return JSON.parse(run.stdout) as Report;
}

/** The failing (object, control) pairs of a report. */
function failures(report: Report): string[] {
  return report.results.flatMap((result) =>
    result.resources
      .filter((resource) => resource.status === "failed")
      .map((resource) => `${resource.resourceID} ${result.controlID}`),
  );
}

/** The (object, control) pairs the exceptions file accepts. */
function exempted(): string[] {
  const entries = parse(readFileSync(EXCEPTIONS, "utf8")) as Array<{
    resources: Array<{ attributes: { kind: string; name: string; namespace?: string } }>;
    posturePolicies: Array<{ controlID: string }>;
  }>;
  return entries.flatMap((entry) =>
    entry.resources.flatMap(({ attributes: { kind, name, namespace } }) =>
      entry.posturePolicies.map((policy) => {
        const group = kind === "DaemonSet" ? "apps/v1" : "v1";
        return `${group}/${namespace ?? ""}/${kind}/${name} ${policy.controlID}`;
      }),
    ),
  );
}

describe("deploy/node-collector.yaml and its exceptions", () => {
  it("fails exactly the controls its exceptions accept, for exactly its objects", async () => {
    const report = await scan();
    expect(failures(report).sort()).toEqual(exempted().sort());
  });

  it("with the exceptions file, no control fails and every exception is applied", async () => {
    const report = await scan("--exceptions", EXCEPTIONS);
    expect(failures(report)).toEqual([]);
    expect(report.summaryDetails.controls.failed).toBe(0);
    expect(report.exceptions.map((exception) => [exception.name, exception.status])).toEqual([
      ["rampart-node-collector-reads-the-node", "applied"],
      ["rampart-node-collector-namespace-admits-it", "applied"],
    ]);
  });

  it("mounts the node read-only, reads the node's processes, collects with the node's name", () => {
    const objects = parseAllDocuments(readFileSync(MANIFEST, "utf8")).map((document) => document.toJS());
    const daemonSet = objects.find((object) => object.kind === "DaemonSet");
    const pod = daemonSet.spec.template.spec;
    expect(pod.hostPID).toBe(true);
    expect(pod.volumes).toEqual([{ name: "host", hostPath: { path: "/", type: "Directory" } }]);
    const [collect] = pod.initContainers;
    expect(collect.args).toEqual(["collect", "node", "--host-root", "/host", "--cloud-metadata", "--quiet"]);
    expect(collect.volumeMounts).toEqual([
      { name: "host", mountPath: "/host", readOnly: true, recursiveReadOnly: "IfPossible" },
    ]);
    expect(collect.env).toEqual([{ name: "NODE_NAME", valueFrom: { fieldRef: { fieldPath: "spec.nodeName" } } }]);
    expect(pod.tolerations.map((toleration: { key: string }) => toleration.key)).toEqual([
      "node-role.kubernetes.io/control-plane",
      "node-role.kubernetes.io/master",
    ]);
  });
});

describe.runIf(apiServerAvailable())("deploy/node-collector.yaml on a real API server", () => {
  const api = useApiServer();

  it("accepts every object as written (Pod Security warns at baseline, as the namespace asks)", async () => {
    const objects = parseAllDocuments(readFileSync(MANIFEST, "utf8")).map(
      (document) => document.toJS() as Record<string, unknown>,
    );
    expect(objects.map((object) => object.kind)).toEqual(["Namespace", "ServiceAccount", "NetworkPolicy", "DaemonSet"]);
    const warnings: Record<string, readonly string[]> = {};
    for (const object of objects) {
      const answer = await api.current.create(object);
      expect(answer.status, `${object.kind as string}: ${JSON.stringify(answer.body)}`).toBe(201);
      warnings[object.kind as string] = answer.warnings;
    }
    // What the exceptions accept, as Pod Security names it (DAC_READ_SEARCH is outside baseline's capabilities).
    expect(warnings.DaemonSet).toEqual([
      'would violate PodSecurity "baseline:latest": non-default capabilities (container "collect" must not include "DAC_READ_SEARCH" in securityContext.capabilities.add), host namespaces (hostPID=true), hostPath volumes (volume "host")',
    ]);
    for (const kind of ["Namespace", "ServiceAccount", "NetworkPolicy"]) expect(warnings[kind], kind).toEqual([]);
    const stored = await api.current.request(
      "GET",
      "/apis/apps/v1/namespaces/rampart-node-collector/daemonsets/rampart-node-collector",
    );
    const pod = (stored.body as { spec: { template: { spec: Record<string, unknown> } } }).spec.template.spec;
    expect(pod.hostPID).toBe(true);
    expect((pod.initContainers as Array<{ volumeMounts: unknown }>)[0]?.volumeMounts).toEqual([
      { name: "host", mountPath: "/host", readOnly: true, recursiveReadOnly: "IfPossible" },
    ]);
  });
});
