// How a scan runs: in a worker thread (what `rampart serve` uses), or in this thread (tests of the
// queue). Either way the result is plain data, stored by the caller in one transaction.
import { Worker } from "node:worker_threads";
import { type CompletedScan, runScanJob, type ScanJob } from "./scan-job.js";

export interface ScanRunner {
  run(job: ScanJob): Promise<CompletedScan>;
  /** Ends a running scan without a result (its promise rejects with ScanAbandoned). */
  abandon(): Promise<void>;
}

export class ScanAbandoned extends Error {
  override name = "ScanAbandoned";
}

/**
 * The worker's module. From the compiled sources it is `scan-worker.js` beside this file; when
 * this file runs as TypeScript (tests, `tsx`), the worker loads `scan-worker.ts` through tsx.
 */
function workerScript(): URL {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new URL("./scan-worker.js", here);
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./scan-worker.ts", here).href;
  const code = `const { register } = await import(${JSON.stringify(tsx)}); register(); await import(${JSON.stringify(entry)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

export function workerRunner(): ScanRunner {
  let running: { worker: Worker; reject: (error: Error) => void } | undefined;
  return {
    run(job) {
      return new Promise<CompletedScan>((resolve, reject) => {
        const worker = new Worker(workerScript(), { workerData: job });
        running = { worker, reject };
        let settled = false;
        const settle = (action: () => void) => {
          if (settled) return;
          settled = true;
          if (running?.worker === worker) running = undefined;
          action();
          void worker.terminate();
        };
        worker.once("message", (message: { completed?: CompletedScan; error?: string }) => {
          if (message.completed !== undefined) {
            const completed = message.completed;
            settle(() => resolve(completed));
          } else settle(() => reject(new Error(message.error ?? "the scan failed")));
        });
        worker.once("error", (error) => settle(() => reject(error)));
        worker.once("exit", (code) =>
          settle(() => reject(new ScanAbandoned(`the scan worker stopped (exit ${code})`))),
        );
      });
    },
    async abandon() {
      const current = running;
      if (current === undefined) return;
      running = undefined;
      current.reject(new ScanAbandoned("the scan was abandoned"));
      await current.worker.terminate();
    },
  };
}

/** Runs scans in this thread (the event loop waits for each scan): for tests. */
export function inProcessRunner(): ScanRunner {
  return { run: (job) => runScanJob(job), abandon: async () => {} };
}
