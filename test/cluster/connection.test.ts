// Finding and reaching a cluster without one: kubeconfig resolution as kubectl does it, the
// messages when there is no cluster, and the failures a live read must not hide (a request that
// never ends, an error in the middle of a read). Endpoints on 127.0.0.1 that misbehave on purpose
// stand in for a broken network or server; what a real API server answers is tested in live.test.ts.
import { readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import { ClusterError, connect } from "../../runtime/cluster/connection.js";
import { dumpGaps } from "../../runtime/cluster/input.js";
import { readPlan, skipUnreadable } from "../../runtime/cluster/kinds.js";
import { scannerRbacYaml, scannerRules } from "../../runtime/cluster/rbac.js";
import { compiledLookups } from "../../runtime/generated.js";
import { builtinLibrary, selectControls, selectFrameworks } from "../../runtime/selection.js";
import { rampart } from "../e2e/run-cli.js";
import { tempFolder } from "../support/cli.js";

const { folder, file } = tempFolder("rampart-connection-");
const library = builtinLibrary();
const lookups = compiledLookups();

function kubeconfig(name: string, server: string, contexts: readonly string[] = ["test"]): string {
  return file(
    name,
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      `  - { name: c-${name}, cluster: { server: "${server}", insecure-skip-tls-verify: true } }`,
      "users:",
      "  - { name: u, user: { token: abc } }",
      "contexts:",
      ...contexts.map((context) => `  - { name: ${context}, context: { cluster: c-${name}, user: u } }`),
      `current-context: ${contexts[0]}`,
      "",
    ].join("\n"),
  );
}

describe("deploy/rbac-scanner.yaml", () => {
  it("grants list on exactly the kinds the built-in controls evaluate or look up", () => {
    const everything = selectControls(library, [...library.controls.keys()]);
    const expected = scannerRbacYaml(scannerRules(everything, lookups));
    // After adding a control that reads a new kind: npm run docs (scripts/write-scanner-rbac.ts)
    expect(readFileSync(path.join(PROJECT_ROOT, "deploy", "rbac-scanner.yaml"), "utf8")).toBe(expected);
  });
});

describe("what a live scan lists", () => {
  const nsa = selectFrameworks(library, ["nsa"]);

  it("lists the kinds the controls evaluate, and those they look up in every namespace", () => {
    const plan = readPlan(nsa, lookups, { exclude: ["kube-system"] });
    const byKind = new Map(plan.reads.map((read) => [read.kind, read]));
    expect(byKind.get("Deployment")?.fieldSelector).toBe("metadata.namespace!=kube-system");
    // C-0030 looks up network policies and C-0034 service accounts: every namespace, filtered after.
    expect(byKind.get("NetworkPolicy")?.fieldSelector).toBeUndefined();
    expect(byKind.get("ServiceAccount")?.fieldSelector).toBeUndefined();
    expect(byKind.has("Secret")).toBe(false);
    const included = readPlan(nsa, lookups, { include: ["a", "b"], exclude: ["b"] });
    expect(included.reads.find((read) => read.kind === "Pod")?.namespaces).toEqual(["a"]);
  });

  it("with unknown lookups (a project run as TypeScript) takes every kind as looked up", () => {
    const plan = readPlan(nsa, undefined, { include: ["a"] });
    expect(plan.reads.every((read) => read.namespaces === undefined)).toBe(true);
    expect(plan.reads.map((read) => read.kind)).toContain("Secret");
  });

  it("skips the controls that need a kind that could not be read, with the reason", () => {
    const skipped = skipUnreadable(
      nsa,
      new Map([["ConfigMap", "cannot list ConfigMap (configmaps): forbidden"]]),
      lookups,
    );
    const c0012 = skipped.controls.find((selected) => selected.id === "C-0012");
    expect(c0012?.control).toBeUndefined();
    expect(c0012?.skipReason).toBe(
      "could not read what the control needs (ConfigMap: cannot list ConfigMap (configmaps): forbidden)",
    );
    expect(skipped.controls.find((selected) => selected.id === "C-0057")?.control).toBeDefined();
  });

  it("a dump that lacks a kind a control needs skips that control", () => {
    const gaps = dumpGaps(
      [{ file: "old.json", kindsRead: ["Pod", "Deployment"], unreadable: new Map([["Pod", "pods is forbidden"]]) }],
      selectControls(library, ["C-0012"]),
      lookups,
    );
    expect(gaps.get("Pod")).toBe("pods is forbidden");
    expect(gaps.get("ConfigMap")).toBe("old.json was dumped without it");
  });
});

describe("finding the cluster", () => {
  const env = { PATH: process.env.PATH };

  it("says which kubeconfig it tried and how to scan files instead", async () => {
    const error = await connect({ env, home: folder }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as Error).message).toBe(
      `no cluster to scan: no kubeconfig (tried ${path.join(folder, ".kube", "config")}) and not running in a pod; to scan manifests instead, give files, folders or globs (rampart scan framework nsa manifests/), or - for standard input`,
    );
    const run = await rampart(["scan", "framework", "nsa", "--kubeconfig", path.join(folder, "nope")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no cluster to scan: --kubeconfig .*nope does not exist; to scan manifests instead/);
  });

  it("merges the files of KUBECONFIG, ignoring missing ones, and picks --context", async () => {
    const a = kubeconfig("a.yaml", "https://127.0.0.1:1", ["first"]);
    const b = kubeconfig("b.yaml", "https://127.0.0.1:2", ["second"]);
    const env2 = { ...env, KUBECONFIG: [a, path.join(folder, "missing"), b].join(path.delimiter) };
    expect((await connect({ env: env2 })).server).toBe("https://127.0.0.1:1");
    const second = await connect({ env: env2, context: "second" });
    expect(second.server).toBe("https://127.0.0.1:2");
    expect(second.description).toContain('context "second"');
    await expect(connect({ env: env2, context: "third" })).rejects.toThrow(
      /no context "third" .*; contexts: first, second/,
    );
  });

  it("uses the pod's service account when running in a pod", async () => {
    const root = path.join(folder, "pod");
    const accountDir = path.join(root, "var/run/secrets/kubernetes.io/serviceaccount");
    await import("node:fs").then((fs) => fs.mkdirSync(accountDir, { recursive: true }));
    writeFileSync(path.join(accountDir, "token"), "pod-token");
    writeFileSync(path.join(accountDir, "ca.crt"), "");
    writeFileSync(path.join(accountDir, "namespace"), "rampart");
    const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
    process.env.KUBERNETES_SERVICE_HOST = "10.96.0.1";
    process.env.KUBERNETES_SERVICE_PORT = "443";
    try {
      const connection = await connect({
        env: { ...env, KUBERNETES_SERVICE_HOST: "10.96.0.1" },
        home: folder,
        inClusterRoot: root,
      });
      expect(connection.description).toBe("the service account of this pod");
      expect(connection.server).toBe("https://10.96.0.1:443");
    } finally {
      for (const [key, value] of [
        ["KUBERNETES_SERVICE_HOST", saved.host],
        ["KUBERNETES_SERVICE_PORT", saved.port],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});

describe("a cluster that fails", () => {
  const servers: Array<net.Server | http.Server> = [];
  afterAll(() => {
    for (const server of servers) server.close();
  });
  const listen = async <S extends net.Server | http.Server>(server: S): Promise<number> => {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as AddressInfo).port;
  };

  it("no answer at all: exit 2 naming the kubeconfig, context and server", async () => {
    const closed = await listen(net.createServer());
    servers.pop()?.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const config = kubeconfig("closed.yaml", `http://127.0.0.1:${closed}`);
    const run = await rampart(["scan", "framework", "nsa", "--kubeconfig", config]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(
      `rampart: cannot reach the cluster (kubeconfig ${config}, context "test", server http://127.0.0.1:${closed})`,
    );
    expect(run.stderr).toContain("ECONNREFUSED");
    expect(run.stderr).toContain("to scan manifests instead");
  });

  it("a request that never completes is cut at --request-timeout", async () => {
    const port = await listen(net.createServer(() => {}));
    const run = await rampart([
      "scan",
      "framework",
      "nsa",
      "--kubeconfig",
      kubeconfig("silent.yaml", `http://127.0.0.1:${port}`),
      "--request-timeout",
      "0.3",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /cannot reach the cluster .*: \/api\/v1\/pods\?limit=500: no complete answer within 0.3 s/,
    );
  });

  it("follows continue tokens, and an error in the middle of a read stops it without a report", async () => {
    const seen: string[] = [];
    const port = await listen(
      http.createServer((request, response) => {
        const url = request.url ?? "";
        seen.push(url);
        response.setHeader("Content-Type", "application/json");
        if (url.startsWith("/api/v1/pods") && !url.includes("continue=")) {
          response.end(
            JSON.stringify({
              kind: "PodList",
              metadata: { continue: "page2" },
              items: [{ metadata: { name: "a", namespace: "x" }, spec: { containers: [{ name: "c" }] } }],
            }),
          );
        } else if (url.startsWith("/api/v1/pods")) {
          response.end(
            JSON.stringify({
              kind: "PodList",
              metadata: {},
              items: [{ metadata: { name: "b", namespace: "x" }, spec: { containers: [{ name: "c" }] } }],
            }),
          );
        } else if (url.startsWith("/apis/apps/v1/deployments")) {
          response.statusCode = 500;
          response.end(
            JSON.stringify({ kind: "Status", status: "Failure", message: "etcdserver: request timed out", code: 500 }),
          );
        } else {
          response.end(JSON.stringify({ kind: "List", metadata: {}, items: [] }));
        }
      }),
    );
    const run = await rampart([
      "scan",
      "framework",
      "nsa",
      "--kubeconfig",
      kubeconfig("flaky.yaml", `http://127.0.0.1:${port}`),
    ]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(
      /reading the cluster failed while listing Deployment \(deployments\.apps\) .*: 500 etcdserver: request timed out; no report was made from a partial read/,
    );
    expect(seen).toContain("/api/v1/pods?limit=500&continue=page2");
  });
});
