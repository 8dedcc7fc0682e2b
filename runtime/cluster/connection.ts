// Which cluster a command reads, found as kubectl finds it: --kubeconfig, else the files of
// KUBECONFIG (merged, missing ones ignored), else ~/.kube/config, else the service account of the
// pod it runs in; --context picks a context. The official client (@kubernetes/client-node) reads
// the kubeconfig and authenticates (certificates, tokens, exec plugins); requests go through
// Node's http(s) so that objects arrive as the API server wrote them, untouched by the client's
// typed models.
import { existsSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { homedir } from "node:os";
import path from "node:path";
import type { KubeConfig } from "@kubernetes/client-node";

/** Where the service account of a pod is mounted (kubectl's in-cluster configuration). */
export const SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

/** Default bound on one API request, in seconds (--request-timeout). */
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;

export interface ClusterOptions {
  readonly kubeconfig?: string;
  readonly context?: string;
  /** Seconds one request may take, from connecting to the last byte. */
  readonly requestTimeoutSeconds?: number;
  readonly env?: NodeJS.ProcessEnv;
  readonly home?: string;
  /** Prefix of the pod's service account folder (tests point it elsewhere; default none). */
  readonly inClusterRoot?: string;
}

/** What a command could not do with the cluster: printed as `rampart: <message>`, exit 2. */
export class ClusterError extends Error {
  override name = "ClusterError";
}

/** How to scan without a cluster, appended to the errors that end a live read. */
export const SCAN_FILES_HINT =
  "to scan manifests instead, give files, folders or globs (rampart scan framework nsa manifests/), or - for standard input";

/** An answer of the API server other than 2xx. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    /** The Status object's message, or the body's first line. */
    readonly apiMessage: string,
    readonly requestPath: string,
  ) {
    super(`${status} ${apiMessage}`);
  }
}

/** A request that never got an answer: connection refused, name not resolved, TLS, timeout. */
export class UnreachableError extends Error {
  override name = "UnreachableError";
}

export interface ClusterConnection {
  /** What was used, for messages: `kubeconfig /home/me/.kube/config, context "prod"`. */
  readonly description: string;
  /** The context's name; the in-cluster configuration has none. */
  readonly context: string | undefined;
  /** The name of the context's cluster (a report's clusterName when none is given). */
  readonly clusterName: string;
  readonly server: string;
  /** GET of an API path with query parameters; the parsed JSON answer. */
  getJson(apiPath: string, query?: Readonly<Record<string, string>>): Promise<unknown>;
}

function kubeconfigFiles(options: ClusterOptions): { files: string[]; tried: string } {
  const env = options.env ?? process.env;
  if (options.kubeconfig !== undefined) {
    if (!existsSync(options.kubeconfig)) {
      throw new ClusterError(
        `no cluster to scan: --kubeconfig ${options.kubeconfig} does not exist; ${SCAN_FILES_HINT}`,
      );
    }
    return { files: [options.kubeconfig], tried: `--kubeconfig ${options.kubeconfig}` };
  }
  const fromEnv = env.KUBECONFIG;
  if (fromEnv !== undefined && fromEnv !== "") {
    const listed = fromEnv.split(path.delimiter).filter((file) => file !== "");
    return { files: listed.filter((file) => existsSync(file)), tried: `KUBECONFIG=${fromEnv}` };
  }
  const home = path.join(options.home ?? homedir(), ".kube", "config");
  return { files: existsSync(home) ? [home] : [], tried: home };
}

/** The cluster of the current (or the given) context, or the pod's own; ClusterError when none. */
export async function connect(options: ClusterOptions = {}): Promise<ClusterConnection> {
  const { KubeConfig } = await import("@kubernetes/client-node");
  const kc = new KubeConfig();
  const { files, tried } = kubeconfigFiles(options);
  const inClusterRoot = options.inClusterRoot ?? "";
  const env = options.env ?? process.env;
  let description: string;
  if (files.length > 0) {
    try {
      kc.loadFromFile(files[0] as string);
      // As kubectl merges them: the first file to name a cluster, user or context wins.
      for (const file of files.slice(1)) {
        const more = new KubeConfig();
        more.loadFromFile(file);
        for (const cluster of more.getClusters()) if (kc.getCluster(cluster.name) === null) kc.addCluster(cluster);
        for (const user of more.getUsers()) if (kc.getUser(user.name) === null) kc.addUser(user);
        for (const context of more.getContexts())
          if (kc.getContextObject(context.name) === null) kc.addContext(context);
        if (kc.getCurrentContext() === "" && more.getCurrentContext() !== "")
          kc.setCurrentContext(more.getCurrentContext());
      }
    } catch (error) {
      throw new ClusterError(`cannot read the kubeconfig (${tried}): ${(error as Error).message}`);
    }
    if (options.context !== undefined) {
      if (kc.getContextObject(options.context) === null) {
        const known = kc.getContexts().map((context) => context.name);
        throw new ClusterError(
          `no context "${options.context}" in the kubeconfig (${tried}); contexts: ${known.join(", ") || "none"}`,
        );
      }
      kc.setCurrentContext(options.context);
    }
    if (kc.getCurrentContext() === "" || kc.getCurrentCluster() === null) {
      throw new ClusterError(
        `no cluster to scan: the kubeconfig (${tried}) has no current context; pick one with --context; ${SCAN_FILES_HINT}`,
      );
    }
    description = `kubeconfig ${files.join(path.delimiter)}, context "${kc.getCurrentContext()}"`;
  } else if (env.KUBERNETES_SERVICE_HOST !== undefined && existsSync(`${inClusterRoot}${SERVICE_ACCOUNT_TOKEN}`)) {
    kc.loadFromCluster(inClusterRoot);
    description = "the service account of this pod";
  } else {
    throw new ClusterError(
      `no cluster to scan: no kubeconfig (tried ${tried}) and not running in a pod; ${SCAN_FILES_HINT}`,
    );
  }
  const cluster = kc.getCurrentCluster();
  if (cluster === null) throw new ClusterError(`no cluster in ${description}`);
  const timeoutMs = (options.requestTimeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_SECONDS) * 1000;
  return {
    description,
    context: files.length > 0 ? kc.getCurrentContext() : undefined,
    clusterName: cluster.name,
    server: cluster.server,
    getJson: (apiPath, query) => getJson(kc, description, cluster.server, apiPath, query ?? {}, timeoutMs),
  };
}

async function getJson(
  kc: KubeConfig,
  description: string,
  server: string,
  apiPath: string,
  query: Readonly<Record<string, string>>,
  timeoutMs: number,
): Promise<unknown> {
  const url = new URL(server);
  url.pathname = `${url.pathname.replace(/\/$/, "")}${apiPath}`;
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  const options: https.RequestOptions = { method: "GET", headers: { Accept: "application/json" } };
  try {
    await kc.applyToHTTPSOptions(options);
  } catch (error) {
    // Credentials that cannot be used (an exec plugin that fails, a missing certificate file, http without skip-TLS).
    throw new ClusterError(`cannot use ${description} to reach ${server}: ${(error as Error).message}`);
  }
  const transport = url.protocol === "http:" ? http : https;
  const shown = `${apiPath}${url.search}`;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, options, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", (error) => reject(new UnreachableError(`${shown}: ${error.message}`)));
      response.on("end", () => {
        clearTimeout(timer);
        const body = Buffer.concat(chunks).toString("utf8");
        const status = response.statusCode ?? 0;
        if (status < 200 || status > 299) {
          reject(new ApiError(status, statusMessage(body), shown));
          return;
        }
        try {
          resolve(JSON.parse(body));
        } catch {
          reject(new ApiError(status, `the answer is not JSON: ${body.slice(0, 200)}`, shown));
        }
      });
    });
    const timer = setTimeout(
      () => request.destroy(new UnreachableError(`${shown}: no complete answer within ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error instanceof UnreachableError ? error : new UnreachableError(`${shown}: ${error.message}`));
    });
    request.end();
  });
}

/** The message of a Kubernetes Status answer, or the start of whatever else came back. */
function statusMessage(body: string): string {
  try {
    const status = JSON.parse(body) as { message?: unknown };
    if (typeof status.message === "string" && status.message !== "") return status.message;
  } catch {
    // not a Status object
  }
  return body.split("\n")[0]?.slice(0, 200) || "(empty answer)";
}
