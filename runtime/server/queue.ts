// Scans asked for (by the schedule, POST /v1/scans, at start) wait in a queue and run one at a
// time: two scans never overlap. Each gets its ID when asked for, so that the caller can follow it.
export type JobStatus = "queued" | "running" | "failed" | "stored";

export interface JobState {
  readonly id: number;
  readonly trigger: string;
  readonly requestedAt: string;
  status: JobStatus;
  error?: string;
}

export interface QueueDependencies {
  /** An ID never given before (the history reserves it). */
  readonly reserveId: () => number;
  /** Runs and stores scan `id`; rejects when the scan fails or is abandoned. */
  readonly execute: (job: JobState) => Promise<void>;
  readonly onChange?: (queued: number) => void;
}

/** Scans that may wait at once; asking for more is refused (HTTP 429). */
export const MAX_QUEUED = 10;
/** Finished jobs remembered for GET /v1/scans/{id} (failures, and stores in progress). */
const REMEMBERED = 50;

export class ScanQueue {
  private readonly waiting: JobState[] = [];
  private readonly known = new Map<number, JobState>();
  private current: { job: JobState; done: Promise<void> } | undefined;
  private closed = false;

  constructor(private readonly deps: QueueDependencies) {}

  /** Queues a scan; undefined when the queue is full or closed. */
  request(trigger: string, now = new Date()): JobState | undefined {
    if (this.closed || this.waiting.length >= MAX_QUEUED) return undefined;
    const job: JobState = { id: this.deps.reserveId(), trigger, requestedAt: now.toISOString(), status: "queued" };
    this.waiting.push(job);
    this.remember(job);
    this.deps.onChange?.(this.waiting.length);
    this.next();
    return job;
  }

  /** A scan asked for in this process and not yet stored, or that failed. */
  job(id: number): JobState | undefined {
    return this.known.get(id);
  }

  /** Scans queued or running, oldest first. */
  pending(): JobState[] {
    return [...(this.current === undefined ? [] : [this.current.job]), ...this.waiting];
  }

  get running(): JobState | undefined {
    return this.current?.job;
  }

  /** Stops taking scans; the queued ones are dropped. Resolves when the running one has ended. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0)) {
      job.status = "failed";
      job.error = "the server stopped before the scan ran";
    }
    this.deps.onChange?.(0);
    await this.current?.done;
  }

  private next(): void {
    if (this.current !== undefined || this.closed) return;
    const job = this.waiting.shift();
    if (job === undefined) return;
    job.status = "running";
    this.deps.onChange?.(this.waiting.length);
    const done = this.deps.execute(job).then(
      () => {
        job.status = "stored";
      },
      (error: unknown) => {
        job.status = "failed";
        job.error = error instanceof Error ? error.message : String(error);
      },
    );
    this.current = {
      job,
      done: done.then(() => {
        this.current = undefined;
        this.next();
      }),
    };
  }

  private remember(job: JobState): void {
    this.known.set(job.id, job);
    for (const [id, entry] of this.known) {
      if (this.known.size <= REMEMBERED) break;
      if (entry.status === "failed" || entry.status === "stored") this.known.delete(id);
    }
  }
}
