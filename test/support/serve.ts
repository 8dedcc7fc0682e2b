// Helpers for the tests of `rampart serve`: a server on a free port with a history in a temporary
// folder, the API asked over real HTTP, scan inputs that change between scans.
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { defaultServeConfig, type ServeConfig } from "../../runtime/server/config.js";
import type { JobState } from "../../runtime/server/queue.js";
import { type RunningServer, type ServeOptions, startServer } from "../../runtime/server/serve.js";
import { EXAMPLES } from "./cli.js";

export const TOKEN = "test-token-0123456789abcdef";

export const FRAMEWORKS = ["nsa", "mitre", "cis-v1.23-t1.0.1"];

/** A privileged Deployment (stage "risky"), or the same one fixed (stage "fixed"). */
export function riskyApp(privileged: boolean): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: risky-app
  namespace: production
spec:
  replicas: 2
  selector: { matchLabels: { app: risky } }
  template:
    metadata: { labels: { app: risky } }
    spec:
      containers:
        - name: app
          image: nginx:1.27
          securityContext: { privileged: ${privileged} }
`;
}

/**
 * The scanned folder in a stage: `base` (the examples), `risky` (plus a privileged Deployment,
 * minus the batch workloads) or `fixed` (the Deployment no longer privileged).
 */
export function setStage(folder: string, stage: "base" | "risky" | "fixed"): void {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const name of ["web-app.yaml", "node-agent.yaml", ...(stage === "base" ? ["batch.yaml"] : [])]) {
    copyFileSync(path.join(EXAMPLES, name), path.join(folder, name));
  }
  if (stage !== "base") writeFileSync(path.join(folder, "risky-app.yaml"), riskyApp(stage === "risky"));
}

export interface TestServer {
  readonly server: RunningServer;
  readonly logs: string[];
  call(
    route: string,
    init?: { method?: string; token?: string | null; headers?: Record<string, string> },
  ): Promise<Reply>;
  /** Queues a scan and waits until it is stored (or failed). */
  scan(): Promise<JobState>;
}

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: () => unknown;
}

export async function startTestServer(
  database: string,
  scanned: readonly string[],
  options: Partial<Omit<ServeOptions, "config">> & { config?: Partial<ServeConfig> } = {},
): Promise<TestServer> {
  const logs: string[] = [];
  const { config, ...rest } = options;
  const server = await startServer({
    source: { kind: "paths", paths: scanned },
    database,
    host: "127.0.0.1",
    port: 0,
    token: TOKEN,
    kubescapeMetrics: false,
    scanOnStart: false,
    graceSeconds: 20,
    log: (line) => logs.push(line),
    ...rest,
    config: { ...defaultServeConfig(), frameworks: FRAMEWORKS, ...config },
  });
  const call: TestServer["call"] = async (route, init = {}) => {
    const token = init.token === undefined ? TOKEN : init.token;
    const response = await fetch(`${server.url}${route}`, {
      method: init.method ?? "GET",
      headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...init.headers },
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) as unknown };
  };
  return {
    server,
    logs,
    call,
    async scan() {
      const job = server.queue.request("manual");
      expect(job).toBeDefined();
      return waitForJob(server, (job as JobState).id);
    },
  };
}

/** Polls the queue until job `id` is stored or failed. */
export async function waitForJob(server: RunningServer, id: number, timeoutMs = 120_000): Promise<JobState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = server.queue.job(id);
    if (job !== undefined && (job.status === "stored" || job.status === "failed")) return job;
    if (Date.now() > deadline) throw new Error(`scan ${id} did not finish in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
