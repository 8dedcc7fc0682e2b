// The scan worker: one scan per worker thread, so that the server keeps answering (health checks,
// the API, metrics) while the scan runs, and a shutdown can abandon it by ending the thread.
import { parentPort, workerData } from "node:worker_threads";
import { runScanJob, type ScanJob } from "./scan-job.js";

const port = parentPort;
if (port !== null) {
  runScanJob(workerData as ScanJob).then(
    (completed) => {
      const buffer = completed.reportGzip.buffer as ArrayBuffer;
      port.postMessage({ completed }, [buffer]);
    },
    (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
}
