// A real kube-apiserver for one test file (scripts/test-apiserver.sh, free ports, stopped in
// teardown), and the admin's requests to it: create, server-side dry-run create, token requests.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parse } from "yaml";
import { PARAM_KIND } from "../../compiler/backends/cel/vap.js";
import { findTool, PROJECT_ROOT, toolAvailable } from "../../compiler/tools.js";
import { apiResourceOf } from "../../dsl/index.js";

const SCRIPT = path.join(PROJECT_ROOT, "scripts", "test-apiserver.sh");

export interface ApiAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** The text of each Warning header (`299 - "<text>"`), unescaped. */
  readonly warnings: readonly string[];
}

/** The text of a Warning header value: `299 - "text"` with its backslash escapes undone (RFC 7234 quoted-string). */
function warningText(value: string): string {
  const match = /^\d{3} \S+ "((?:[^"\\]|\\.)*)"/.exec(value);
  return match === null ? value : (match[1] as string).replace(/\\(.)/g, "$1");
}

export interface TestApiServer {
  readonly dir: string;
  /** The admin's kubeconfig (system:masters). */
  readonly kubeconfig: string;
  /** The scanner's kubeconfig (deploy/rbac-scanner.yaml's ServiceAccount). */
  readonly readonlyKubeconfig: string;
  /** An admin request; never throws for an answer of the API server. */
  request(method: string, apiPath: string, body?: unknown): Promise<ApiAnswer>;
  /** Creates an object (dryRun: server-side dry run, nothing stored). */
  create(object: Record<string, unknown>, options?: { dryRun?: boolean }): Promise<ApiAnswer>;
  /** A kubeconfig for a ServiceAccount (a TokenRequest token), written in the server's folder. */
  serviceAccountKubeconfig(namespace: string, name: string): Promise<string>;
}

/**
 * Whether the tests of this file may run: the binary is there. CI (RAMPART_REQUIRE_ALL_TOOLS=1)
 * fails instead of skipping.
 */
export function apiServerAvailable(): boolean {
  if (toolAvailable("kube-apiserver")) return true;
  if (process.env.RAMPART_REQUIRE_ALL_TOOLS === "1") {
    it("kube-apiserver is installed (RAMPART_REQUIRE_ALL_TOOLS=1)", () => {
      expect.fail(
        "kube-apiserver is missing (scripts/install-tools.sh builds it), and RAMPART_REQUIRE_ALL_TOOLS=1 requires it",
      );
    });
  }
  return false;
}

/** The resource of the generated policies' paramKind (generated/vap/control-inputs-crd.yaml). */
const CONTROL_INPUTS = { group: "rampart.dev", version: "v1alpha1", resource: "controlinputs", namespaced: false };

/** The REST path of an object's collection (namespaced kinds in the object's namespace). */
export function collectionPath(object: Record<string, unknown>): string {
  const kind = object.kind as string;
  const resource = apiResourceOf(kind) ?? (kind === PARAM_KIND ? CONTROL_INPUTS : undefined);
  if (resource === undefined) throw new Error(`no API resource for ${kind}`);
  const base = resource.group === "" ? `/api/${resource.version}` : `/apis/${resource.group}/${resource.version}`;
  if (!resource.namespaced) return `${base}/${resource.resource}`;
  const namespace = (object.metadata as { namespace?: string } | undefined)?.namespace ?? "default";
  return `${base}/namespaces/${namespace}/${resource.resource}`;
}

/** Starts a server before the file's tests and stops it after them (registered here). */
export function useApiServer(): { readonly current: TestApiServer } {
  const holder: { current: TestApiServer } = { current: undefined as unknown as TestApiServer };
  const dir = mkdtempSync(path.join(tmpdir(), "rampart-apiserver-"));
  beforeAll(() => {
    execFileSync(SCRIPT, ["start", dir], {
      env: {
        ...process.env,
        RAMPART_KUBE_APISERVER: findTool("kube-apiserver"),
        RAMPART_APISERVER_PARENT_PID: String(process.pid),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    holder.current = server(dir);
  }, 120_000);
  afterAll(() => {
    execFileSync(SCRIPT, ["stop", dir], { stdio: ["ignore", "pipe", "pipe"] });
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);
  return holder;
}

function server(dir: string): TestApiServer {
  const kubeconfig = path.join(dir, "kubeconfig");
  const config = parse(readFileSync(kubeconfig, "utf8")) as {
    clusters: Array<{ cluster: { server: string; "certificate-authority-data": string } }>;
    users: Array<{ user: { token: string } }>;
  };
  const cluster = config.clusters[0]?.cluster;
  const token = config.users[0]?.user.token;
  if (cluster === undefined || token === undefined) throw new Error(`${kubeconfig}: no cluster or token`);
  const ca = Buffer.from(cluster["certificate-authority-data"], "base64");

  const once = (method: string, apiPath: string, body?: unknown): Promise<ApiAnswer> =>
    new Promise((resolve, reject) => {
      const data = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
      const call = https.request(
        new URL(apiPath, cluster.server),
        {
          method,
          ca,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: "application/json",
            ...(data === undefined ? {} : { "Content-Type": "application/json", "Content-Length": data.length }),
          },
          timeout: 30_000,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: Record<string, unknown>;
            try {
              parsed = JSON.parse(text) as Record<string, unknown>;
            } catch {
              parsed = { message: text };
            }
            const warnings: string[] = [];
            for (let index = 0; index + 1 < response.rawHeaders.length; index += 2) {
              if (response.rawHeaders[index]?.toLowerCase() === "warning") {
                warnings.push(warningText(response.rawHeaders[index + 1] as string));
              }
            }
            resolve({ status: response.statusCode ?? 0, body: parsed, warnings });
          });
        },
      );
      call.on("timeout", () => call.destroy(new Error(`${method} ${apiPath}: timed out`)));
      call.on("error", reject);
      call.end(data);
    });
  // A kept-alive connection the server closes as a request goes out fails with ECONNRESET ("socket
  // hang up"): a request that changes nothing (a read, a dry run) is sent again, on a new connection.
  const request = async (method: string, apiPath: string, body?: unknown): Promise<ApiAnswer> => {
    const safe = method === "GET" || apiPath.includes("dryRun=All");
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await once(method, apiPath, body);
      } catch (error) {
        if (!safe || attempt === 3 || (error as NodeJS.ErrnoException).code !== "ECONNRESET") throw error;
      }
    }
  };

  return {
    dir,
    kubeconfig,
    readonlyKubeconfig: path.join(dir, "kubeconfig-readonly"),
    request,
    create: (object, options = {}) =>
      request("POST", `${collectionPath(object)}${options.dryRun === true ? "?dryRun=All" : ""}`, object),
    async serviceAccountKubeconfig(namespace, name) {
      const answer = await request("POST", `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, {
        apiVersion: "authentication.k8s.io/v1",
        kind: "TokenRequest",
        spec: { expirationSeconds: 3600 },
      });
      if (answer.status !== 201) throw new Error(`token for ${namespace}/${name}: ${JSON.stringify(answer.body)}`);
      const saToken = (answer.body.status as { token: string }).token;
      const file = path.join(dir, `kubeconfig-${namespace}-${name}`);
      const text = readFileSync(kubeconfig, "utf8").replace(/token: .*/, `token: ${saToken}`);
      writeFileSync(
        file,
        text.replace(/name: rampart-admin|user: rampart-admin/g, (match) => match.replace("rampart-admin", name)),
      );
      return file;
    },
  };
}

/** Creates each object as the admin; fails the test on any refusal. */
export async function seed(api: TestApiServer, objects: readonly Record<string, unknown>[]): Promise<void> {
  for (const object of objects) {
    const answer = await api.create(object);
    const metadata = object.metadata as { name?: string; namespace?: string } | undefined;
    expect(
      answer.status,
      `${object.kind as string} ${metadata?.namespace ?? ""}/${metadata?.name ?? ""}: ${String(answer.body.message)}`,
    ).toBe(201);
  }
}
