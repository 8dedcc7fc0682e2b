// Worker threads that evaluate policy.wasm, each with its own WASM instance, so that a scan uses
// every core. The pool answers each evaluate call on its own; the caller merges the answers in
// input order, so a scan reports the same whatever the number of workers.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { AsyncEngine, ControlInputValues, Inventory, KubeObject, Outcomes } from "./engine.js";
import { encodedData } from "./wasm.js";

export type PoolRequest =
  /** The data of encodedData, in memory every worker shares (one copy however many workers). */
  | { readonly type: "prepare"; readonly data: Uint8Array }
  | {
      readonly type: "evaluate";
      readonly job: number;
      readonly objects: readonly KubeObject[];
      readonly controlIds: readonly string[];
    };

export type PoolReply =
  | { readonly job: number; readonly outcomes: Outcomes }
  | { readonly job: number; readonly error: string };

interface Job {
  readonly request: PoolRequest & { type: "evaluate" };
  readonly resolve: (outcomes: Outcomes) => void;
  readonly reject: (error: Error) => void;
}

/** Jobs a worker holds at once: the next one is already there when it finishes one. */
const JOBS_PER_WORKER = 2;

/**
 * The worker's module. Compiled (dist/), it is the JavaScript beside this one; run from the
 * TypeScript sources (the tests), a worker does not inherit the test runner's transform, so it
 * registers tsx (a dev dependency) before importing the TypeScript worker.
 */
function startWorker(wasmFile: string): Worker {
  const compiled = import.meta.url.endsWith(".js");
  const worker = new URL(compiled ? "./pool-worker.js" : "./pool-worker.ts", import.meta.url);
  if (compiled) return new Worker(worker, { workerData: { wasmFile } });
  // tsx's API (its "tsx/esm/api" export) registers its module hooks in the thread that calls it.
  const api = new URL("./esm/api/index.mjs", pathToFileURL(createRequire(import.meta.url).resolve("tsx"))).href;
  const boot = `const { register } = await import(${JSON.stringify(api)}); register(); await import(${JSON.stringify(worker.href)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData: { wasmFile } });
}

export class WasmPool implements AsyncEngine {
  private readonly workers: Array<{ readonly thread: Worker; readonly jobs: Map<number, Job> }>;
  private readonly queue: Job[] = [];
  private nextJob = 0;
  private failure: Error | undefined;

  /** `size` workers running policy.wasm at `wasmFile`; close() ends them. */
  constructor(wasmFile: string, size: number) {
    this.workers = Array.from({ length: size }, () => {
      const entry = { thread: startWorker(wasmFile), jobs: new Map<number, Job>() };
      entry.thread.on("message", (reply: PoolReply) => this.answer(entry, reply));
      entry.thread.on("error", (error) => this.fail(error));
      entry.thread.on("exit", (code) => {
        if (entry.jobs.size > 0) this.fail(new Error(`a scan worker stopped (exit code ${code})`));
      });
      return entry;
    });
  }

  prepare(inputs: ControlInputValues, inventory: Inventory): void {
    const encoded = encodedData(inputs, inventory);
    const data = new Uint8Array(new SharedArrayBuffer(encoded.byteLength));
    data.set(encoded);
    for (const { thread } of this.workers) thread.postMessage({ type: "prepare", data } satisfies PoolRequest);
  }

  evaluate(objects: readonly KubeObject[], controlIds: readonly string[]): Promise<Outcomes> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { type: "evaluate", job: this.nextJob++, objects, controlIds }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map(({ thread }) => thread.terminate()));
  }

  private dispatch(): void {
    for (const worker of this.workers) {
      while (worker.jobs.size < JOBS_PER_WORKER) {
        const job = this.queue.shift();
        if (job === undefined) return;
        worker.jobs.set(job.request.job, job);
        worker.thread.postMessage(job.request);
      }
    }
  }

  private answer(worker: (typeof this.workers)[number], reply: PoolReply): void {
    const job = worker.jobs.get(reply.job);
    worker.jobs.delete(reply.job);
    if ("error" in reply) job?.reject(new Error(reply.error));
    else job?.resolve(reply.outcomes);
    this.dispatch();
  }

  /** A worker that fails fails every job waiting, and the pool: a scan never reports half its objects. */
  private fail(error: Error): void {
    this.failure ??= error;
    const waiting = [...this.queue.splice(0), ...this.workers.flatMap(({ jobs }) => [...jobs.values()])];
    for (const { jobs } of this.workers) jobs.clear();
    for (const job of waiting) job.reject(error);
  }
}
