// The HTTP side of `rampart serve` (node:http): the scan API under /v1 (bearer token), health and
// readiness, Prometheus metrics and the trend page. Every answer of the API is JSON; a malformed
// request gets a 4xx with `{"error": …}`, and an unexpected failure a 500 that says no more than
// "internal error" (the log has the message; no stack trace leaves the process).
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { diffFindings } from "../history/findings.js";
import { parseSince, SINCE_HELP } from "../history/since.js";
import type { HistoryStore, StoredScan } from "../history/store.js";
import type { ServerMetrics } from "./metrics.js";
import { PAGE_ASSETS } from "./page.js";
import type { ScanQueue } from "./queue.js";

export interface HttpContext {
  readonly store: HistoryStore;
  readonly queue: ScanQueue;
  readonly metrics: ServerMetrics;
  /** SHA-256 of the API token. */
  readonly tokenDigest: Buffer;
  /** False once shutting down: /readyz answers 503 and no scan is taken. */
  readonly ready: () => boolean;
  readonly log: (line: string) => void;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export function tokenDigest(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

/**
 * `Authorization: Bearer <token>`, compared in constant time (digests of equal length, so
 * neither the token's content nor its length shows in the timing).
 */
function authorized(request: IncomingMessage, digest: Buffer): boolean {
  const header = request.headers.authorization;
  if (header === undefined) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return timingSafeEqual(tokenDigest(match?.[1] ?? ""), digest) && match !== null;
}

/** The API's view of a stored scan: what the article's jq recipes read (`date`, `score`). */
export function scanEntry(scan: StoredScan) {
  const { summary } = scan;
  return {
    id: scan.id,
    date: summary.date,
    score: summary.score,
    riskScore: summary.riskScore,
    frameworks: summary.frameworks.map((framework) => ({
      name: framework.name,
      score: framework.score,
      riskScore: framework.riskScore,
    })),
    controls: summary.controls,
    failedBySeverity: summary.failedBySeverity,
    trigger: scan.trigger,
    durationSeconds: scan.durationMs / 1000,
  };
}

export function createHandler(context: HttpContext) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    handle(context, request, response).catch((error: unknown) => {
      if (error instanceof HttpError) {
        sendJson(response, error.status, { error: error.message }, error.headers);
        return;
      }
      context.log(
        `error: ${request.method} ${pathOf(request)}: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (!response.headersSent) sendJson(response, 500, { error: "internal error" });
      else response.destroy();
    });
  };
}

function pathOf(request: IncomingMessage): string {
  try {
    return new URL(request.url ?? "/", "http://localhost").pathname;
  } catch {
    return "?";
  }
}

async function handle(context: HttpContext, request: IncomingMessage, response: ServerResponse): Promise<void> {
  let url: URL;
  try {
    url = new URL(request.url ?? "/", "http://localhost");
  } catch {
    throw new HttpError(400, "malformed request target");
  }
  const method = request.method ?? "GET";
  const route = url.pathname;
  if (route === "/healthz") return only(method, ["GET"], () => sendJson(response, 200, { status: "ok" }));
  if (route === "/readyz") {
    return only(method, ["GET"], () =>
      context.ready() ? sendJson(response, 200, { status: "ready" }) : sendJson(response, 503, { status: "stopping" }),
    );
  }
  if (route === "/metrics") {
    only(method, ["GET"], () => {});
    const text = await context.metrics.render({
      latest: context.store.latest(),
      storedScans: context.store.count(),
      findings: context.store.findings(),
      now: new Date(),
    });
    return send(response, 200, text, { "content-type": context.metrics.contentType });
  }
  const asset = PAGE_ASSETS.get(route);
  if (asset !== undefined) {
    return only(method, ["GET"], () =>
      send(response, 200, asset.body(), {
        "content-type": asset.type,
        "content-security-policy":
          "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        "x-content-type-options": "nosniff",
        "cache-control": "no-cache",
      }),
    );
  }
  if (route === "/v1" || route.startsWith("/v1/")) {
    if (!authorized(request, context.tokenDigest)) {
      throw new HttpError(401, "a valid API token is required (Authorization: Bearer <token>)", {
        "www-authenticate": 'Bearer realm="rampart"',
      });
    }
    return api(context, method, route, url, request, response);
  }
  throw new HttpError(404, `no such resource: ${route}`);
}

function only(method: string, allowed: readonly string[], then: () => void): void {
  if (!allowed.includes(method)) {
    throw new HttpError(405, `method ${method} is not allowed here (allowed: ${allowed.join(", ")})`, {
      allow: allowed.join(", "),
    });
  }
  then();
}

async function api(
  context: HttpContext,
  method: string,
  route: string,
  url: URL,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const segments = route.split("/").slice(2);
  if (segments[0] !== "scans") throw new HttpError(404, `no such resource: ${route}`);
  if (segments.length === 1) {
    if (method === "GET") return listScans(context, url, response);
    if (method === "POST") {
      await drain(request);
      return triggerScan(context, response);
    }
    only(method, ["GET", "POST"], () => {});
  }
  if (segments.length === 2) {
    return only(method, ["GET"], () => getScan(context, segments[1] as string, request, response));
  }
  if (segments.length === 4 && segments[2] === "diff") {
    return only(method, ["GET"], () => diffScans(context, segments[1] as string, segments[3] as string, response));
  }
  throw new HttpError(404, `no such resource: ${route}`);
}

/** Reads (and ignores) a request body, refusing a large one. */
async function drain(request: IncomingMessage): Promise<void> {
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new HttpError(413, "the request body is too large (POST /v1/scans takes none)");
  }
}

function listScans(context: HttpContext, url: URL, response: ServerResponse): void {
  for (const key of url.searchParams.keys()) {
    if (key !== "since") throw new HttpError(400, `unknown query parameter "${key}" (known: since)`);
  }
  const sinceText = url.searchParams.get("since");
  const since = sinceText === null ? undefined : parseSince(sinceText);
  if (sinceText !== null && since === undefined) throw new HttpError(400, `since: ${SINCE_HELP}`);
  const scans = context.store.list(since === undefined ? {} : { since }).map(scanEntry);
  const pending = context.queue
    .pending()
    .map((job) => ({ id: job.id, status: job.status, trigger: job.trigger, requestedAt: job.requestedAt }));
  sendJson(response, 200, { scans, pending });
}

function triggerScan(context: HttpContext, response: ServerResponse): void {
  if (!context.ready()) throw new HttpError(503, "the server is stopping; no scan is taken");
  const job = context.queue.request("manual");
  if (job === undefined) throw new HttpError(429, "too many scans are waiting already; try again later");
  sendJson(
    response,
    202,
    { id: job.id, status: job.status, location: `/v1/scans/${job.id}` },
    { location: `/v1/scans/${job.id}` },
  );
}

/** `latest`, or a scan ID (a positive integer). */
function scanId(context: HttpContext, text: string): number {
  if (text === "latest") {
    const latest = context.store.latest();
    if (latest === undefined) throw new HttpError(404, "no scan is stored yet");
    return latest.id;
  }
  if (!/^[1-9]\d{0,15}$/.test(text))
    throw new HttpError(400, `"${text}" is not a scan ID (a positive integer, or latest)`);
  return Number(text);
}

function getScan(context: HttpContext, text: string, request: IncomingMessage, response: ServerResponse): void {
  const id = scanId(context, text);
  const gzip = context.store.reportGzip(id);
  if (gzip !== undefined) {
    const acceptsGzip = /\bgzip\b/.test(String(request.headers["accept-encoding"] ?? ""));
    if (acceptsGzip) {
      send(response, 200, gzip, {
        "content-type": "application/json",
        "content-encoding": "gzip",
        vary: "accept-encoding",
      });
    } else {
      send(response, 200, context.store.reportText(id) as string, {
        "content-type": "application/json",
        vary: "accept-encoding",
      });
    }
    return;
  }
  const job = context.queue.job(id);
  if (job !== undefined && (job.status === "queued" || job.status === "running")) {
    sendJson(response, 202, { id, status: job.status, trigger: job.trigger, requestedAt: job.requestedAt });
    return;
  }
  if (job?.status === "failed") throw new HttpError(404, `scan ${id} failed and was not stored: ${job.error ?? ""}`);
  throw new HttpError(404, `no scan ${id} is stored (it may have been removed by the retention setting)`);
}

function diffScans(context: HttpContext, fromText: string, toText: string, response: ServerResponse): void {
  const from = scanId(context, fromText);
  const to = scanId(context, toText);
  const reports = [from, to].map((id) => {
    const text = context.store.reportText(id);
    if (text === undefined) throw new HttpError(404, `no scan ${id} is stored`);
    return JSON.parse(text) as Parameters<typeof diffFindings>[0];
  });
  const diff = diffFindings(
    reports[0] as Parameters<typeof diffFindings>[0],
    reports[1] as Parameters<typeof diffFindings>[1],
  );
  const entry = (id: number) => {
    const scan = context.store.get(id) as StoredScan;
    return { id, date: scan.summary.date, score: scan.summary.score };
  };
  sendJson(response, 200, {
    from: entry(from),
    to: entry(to),
    counts: {
      new: diff.new.length,
      fixed: diff.fixed.length,
      stillFailing: diff.stillFailing.length,
      notEvaluated: diff.notEvaluated.length,
    },
    ...diff,
  });
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  send(response, status, `${JSON.stringify(body, null, 2)}\n`, { "content-type": "application/json", ...headers });
}

function send(
  response: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Readonly<Record<string, string>>,
): void {
  response.writeHead(status, { "content-length": String(Buffer.byteLength(body)), ...headers });
  response.end(body);
}
