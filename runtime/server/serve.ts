// `rampart serve` as a library: the history database, the scan queue fed by the schedule and the
// API, the HTTP server, and a shutdown that stops taking work, lets a running scan finish within a
// grace period (or abandons it: nothing of it is stored) and closes the database.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Cron } from "croner";
import { HistoryStore } from "../history/store.js";
import type { ServeConfig } from "./config.js";
import { createHandler, tokenDigest } from "./http.js";
import { ServerMetrics } from "./metrics.js";
import { type JobState, ScanQueue } from "./queue.js";
import { ScanAbandoned, type ScanRunner, workerRunner } from "./runner.js";
import { toNewScan } from "./scan-job.js";
import { describeSource, type SourceSpec } from "./source.js";

export interface ServeOptions {
  readonly config: ServeConfig;
  readonly source: SourceSpec;
  /** The SQLite file of the history. */
  readonly database: string;
  readonly host: string;
  /** 0: any free port (tests). */
  readonly port: number;
  readonly token: string;
  /** Also export Kubescape's metric names and labels. */
  readonly kubescapeMetrics: boolean;
  /** Queue a scan as soon as the server is up. */
  readonly scanOnStart: boolean;
  /** How long a shutdown waits for a running scan before abandoning it. */
  readonly graceSeconds: number;
  readonly log: (line: string) => void;
  readonly runner?: ScanRunner;
}

export interface RunningServer {
  readonly url: string;
  readonly queue: ScanQueue;
  readonly store: HistoryStore;
  /** Resolves when the next scan the server runs has ended (stored or failed). */
  readonly nextRun: () => Date | undefined;
  stop(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { config, log } = options;
  const store = HistoryStore.open(options.database);
  const runner = options.runner ?? workerRunner();
  const metrics = new ServerMetrics(options.kubescapeMetrics);
  let ready = true;
  const execute = async (job: JobState) => {
    log(`scan ${job.id} (${job.trigger}): started`);
    try {
      const started = performance.now();
      const finished = await runner.run({ config, source: options.source, trigger: job.trigger });
      // The whole scan, with the worker's start and the reading of its input.
      const completed = { ...finished, durationMs: performance.now() - started };
      const id = store.add(toNewScan(completed), config.retention, job.id);
      metrics.scanSucceeded(completed.durationMs / 1000);
      const { summary } = completed;
      log(
        `scan ${id} (${job.trigger}): stored; score ${summary.score ?? "n/a"}, ${summary.controls.failed} of ${summary.controls.total} controls failed, ${(completed.durationMs / 1000).toFixed(1)}s${completed.warnings.length > 0 ? `, ${completed.warnings.length} warnings` : ""}`,
      );
      for (const warning of completed.warnings) log(`scan ${id}: warning: ${warning}`);
    } catch (error) {
      metrics.scanFailed();
      const message = error instanceof Error ? error.message : String(error);
      log(`scan ${job.id} (${job.trigger}): ${error instanceof ScanAbandoned ? "abandoned" : "failed"}: ${message}`);
      throw error;
    }
  };
  const queue = new ScanQueue({
    reserveId: () => store.reserveId(),
    execute,
    onChange: (queued) => metrics.setQueued(queued),
  });
  const cron =
    config.schedule === undefined
      ? undefined
      : new Cron(config.schedule, { timezone: config.timeZone }, () => {
          // A scheduled scan already waiting is enough.
          if (queue.pending().some((job) => job.trigger === "schedule" && job.status === "queued")) return;
          if (queue.request("schedule") === undefined) log("schedule: the queue is full; this run is skipped");
        });

  const server: Server = createServer(
    { requestTimeout: 30_000, headersTimeout: 10_000 },
    createHandler({ store, queue, metrics, tokenDigest: tokenDigest(options.token), ready: () => ready, log }),
  );
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const next = cron?.nextRun();
  log(
    `listening on ${url}; scanning ${describeSource(options.source)}; history in ${options.database} (${store.count()} scans); ${
      config.schedule === undefined
        ? "no schedule (scans on demand)"
        : `schedule "${config.schedule}" (${config.timeZone}), next at ${next?.toISOString() ?? "never"}`
    }`,
  );
  if (options.scanOnStart) queue.request("start");

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      ready = false;
      cron?.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const running = queue.running;
      if (running !== undefined) log(`stopping: waiting up to ${options.graceSeconds}s for scan ${running.id}`);
      const finished = queue.close();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = await Promise.race([
        finished.then(() => false),
        new Promise<boolean>((resolve) => {
          timer = setTimeout(() => resolve(true), options.graceSeconds * 1000);
        }),
      ]);
      clearTimeout(timer);
      if (timedOut) {
        await runner.abandon();
        await finished;
      }
      server.closeAllConnections();
      await closed;
      store.close();
      log("stopped");
    })();
    return stopping;
  };
  return { url, queue, store, nextRun: () => cron?.nextRun() ?? undefined, stop };
}
