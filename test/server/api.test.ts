// `rampart serve`'s API over real HTTP, with scans run in the worker thread as in production: the
// article's jq recipes on GET /v1/scans (real jq), the stored report identical to `scan --format
// json`, POST → 202 and the scan found under its ID, diffs, the token, malformed requests.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonReport } from "../../runtime/report/json.js";
import { rampart } from "../e2e/run-cli.js";
import { tempFolder } from "../support/cli.js";
import { FRAMEWORKS, setStage, startTestServer, type TestServer, TOKEN, waitForJob } from "../support/serve.js";

const work = tempFolder("rampart-serve-api-");
const scanned = path.join(work.folder, "cluster");
let test: TestServer;
const ids: number[] = [];

function jq(filter: string, input: string): unknown[] {
  return execFileSync("jq", ["-c", filter], { input, encoding: "utf8" })
    .trim()
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as unknown);
}

beforeAll(async () => {
  test = await startTestServer(work.file("history.db"), [scanned]);
  for (const stage of ["base", "risky", "fixed"] as const) {
    setStage(scanned, stage);
    const job = await test.scan();
    expect(job.status, job.error).toBe("stored");
    ids.push(job.id);
  }
});

afterAll(async () => {
  await test?.server.stop();
});

describe("GET /v1/scans", () => {
  it("answers the article's jq recipes", async () => {
    const reply = await test.call("/v1/scans");
    expect(reply.status).toBe(200);
    expect(reply.headers.get("content-type")).toBe("application/json");
    const history = jq(".scans[] | {date, score}", reply.text) as Array<{ date: string; score: number }>;
    expect(history).toHaveLength(3);
    for (const entry of history) {
      expect(Object.keys(entry)).toEqual(["date", "score"]);
      expect(Number.isNaN(Date.parse(entry.date))).toBe(false);
      expect(typeof entry.score).toBe("number");
    }
    const sorted = jq(".scans | sort_by(.date) | .[] | {date, score}", reply.text) as typeof history;
    expect(sorted.map((entry) => entry.date)).toEqual([...history.map((entry) => entry.date)].sort());
  });

  it("lists each scan with its frameworks' scores and control counts", async () => {
    const body = (await test.call("/v1/scans")).json() as {
      scans: Array<{
        id: number;
        frameworks: Array<{ name: string; score: number }>;
        controls: { passed: number; failed: number; skipped: number; total: number };
      }>;
    };
    expect(body.scans.map((scan) => scan.id)).toEqual(ids);
    for (const scan of body.scans) {
      expect(scan.frameworks.map((framework) => framework.name)).toEqual(FRAMEWORKS);
      const { passed, failed, skipped, total } = scan.controls;
      expect(passed + failed + skipped).toBe(total);
    }
  });

  it("filters by ?since and refuses a malformed one", async () => {
    expect(((await test.call("/v1/scans?since=1d")).json() as { scans: unknown[] }).scans).toHaveLength(3);
    expect(((await test.call("/v1/scans?since=2999-01-01")).json() as { scans: unknown[] }).scans).toHaveLength(0);
    const bad = await test.call("/v1/scans?since=yesterday");
    expect(bad.status).toBe(400);
    expect((bad.json() as { error: string }).error).toMatch(/^since: /);
    expect((await test.call("/v1/scans?sort=date")).status).toBe(400);
  });
});

describe("GET /v1/scans/{id}", () => {
  it("is the JSON report `rampart scan framework … --format json` writes of the same input", async () => {
    const stored = (await test.call(`/v1/scans/${ids[2]}`)).json() as JsonReport;
    const run = await rampart(["scan", "framework", FRAMEWORKS.join(","), scanned, "--format", "json"]);
    expect(run.code).toBe(0);
    const fresh = JSON.parse(run.stdout) as JsonReport;
    expect({ ...stored, scanDate: "" }).toEqual({ ...fresh, scanDate: "" });
  });

  it("is served compressed to clients that accept gzip, and `latest` names the newest", async () => {
    const gzip = await fetch(`${test.server.url}/v1/scans/latest`, {
      headers: { authorization: `Bearer ${TOKEN}`, "accept-encoding": "gzip" },
    });
    expect(gzip.headers.get("content-encoding")).toBe("gzip");
    const report = (await gzip.json()) as JsonReport;
    expect(report.reportVersion).toBe("rampart.dev/report/v1");
    const latest = (await test.call(`/v1/scans/${ids[2]}`)).json() as JsonReport;
    expect(report.scanDate).toBe(latest.scanDate);
  });

  it("answers 404 for an unknown scan and 400 for what is not an ID", async () => {
    const missing = await test.call("/v1/scans/999999");
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ error: expect.stringContaining("no scan 999999") });
    for (const id of ["abc", "0", "-1", "1.5", "1e3"]) {
      const reply = await test.call(`/v1/scans/${id}`);
      expect(reply.status, id).toBe(400);
      expect(reply.json()).toEqual({ error: expect.stringContaining("is not a scan ID") });
    }
  });
});

describe("POST /v1/scans", () => {
  it("queues a scan: 202 with its ID, found under that ID once stored", async () => {
    const reply = await test.call("/v1/scans", { method: "POST" });
    expect(reply.status).toBe(202);
    const body = reply.json() as { id: number; status: string; location: string };
    expect(body.id).toBeGreaterThan(ids[2] as number);
    expect(["queued", "running"]).toContain(body.status);
    expect(reply.headers.get("location")).toBe(`/v1/scans/${body.id}`);
    const pending = await test.call(`/v1/scans/${body.id}`);
    expect([200, 202]).toContain(pending.status);
    expect((await waitForJob(test.server, body.id)).status).toBe("stored");
    const stored = await test.call(`/v1/scans/${body.id}`);
    expect(stored.status).toBe(200);
    expect((stored.json() as JsonReport).reportVersion).toBe("rampart.dev/report/v1");
  });

  it("queues concurrent triggers and never runs two scans at once", async () => {
    const replies = await Promise.all([1, 2, 3].map(() => test.call("/v1/scans", { method: "POST" })));
    const queued = replies.map((reply) => (reply.json() as { id: number }).id);
    expect(new Set(queued).size).toBe(3);
    expect(replies.every((reply) => reply.status === 202)).toBe(true);
    // At most one is running at any moment.
    expect(test.server.queue.pending().filter((job) => job.status === "running").length).toBeLessThanOrEqual(1);
    for (const id of queued) expect((await waitForJob(test.server, id)).status).toBe("stored");
    const started = test.logs.filter((line) => / \(manual\): started$/.test(line)).length;
    const ended = test.logs.filter((line) => / \(manual\): (stored|failed)/.test(line)).length;
    expect(started).toBe(ended);
    // Each scan started after the one before it ended: the log alternates.
    const sequence = test.logs
      .filter((line) => /: (started|stored|failed)/.test(line))
      .map((line) => (line.endsWith("started") ? "start" : "end"));
    for (let index = 0; index < sequence.length; index++) {
      expect(sequence[index], test.logs.join("\n")).toBe(index % 2 === 0 ? "start" : "end");
    }
  });
});

describe("GET /v1/scans/{a}/diff/{b}", () => {
  it("names the new, fixed and still-failing findings", async () => {
    const [base, risky, fixed] = ids;
    const added = (await test.call(`/v1/scans/${base}/diff/${risky}`)).json() as {
      from: { id: number };
      to: { id: number };
      new: Array<{ controlID: string; kind: string; namespace: string; name: string }>;
      fixed: Array<{ name: string }>;
      stillFailing: unknown[];
    };
    expect(added.from.id).toBe(base);
    expect(added.to.id).toBe(risky);
    expect(added.new).toContainEqual(
      expect.objectContaining({ controlID: "C-0057", kind: "Deployment", namespace: "production", name: "risky-app" }),
    );
    // The batch workloads left the scan: their findings are gone.
    expect(added.fixed.map((finding) => finding.name)).toContain("nightly-report");
    expect(added.stillFailing.length).toBeGreaterThan(0);
    const repaired = (await test.call(`/v1/scans/${risky}/diff/${fixed}`)).json() as {
      new: unknown[];
      fixed: Array<{ controlID: string; name: string }>;
    };
    expect(repaired.new).toEqual([]);
    expect(repaired.fixed).toContainEqual(expect.objectContaining({ controlID: "C-0057", name: "risky-app" }));
  });

  it("refuses unknown scans and malformed IDs", async () => {
    expect((await test.call(`/v1/scans/${ids[0]}/diff/999999`)).status).toBe(404);
    expect((await test.call(`/v1/scans/x/diff/${ids[0]}`)).status).toBe(400);
  });
});

describe("the token", () => {
  it("is required on /v1: missing or wrong, 401 with a JSON error", async () => {
    for (const token of [null, "wrong", `${TOKEN}x`, TOKEN.slice(0, -1), ""]) {
      for (const [route, method] of [
        ["/v1/scans", "GET"],
        ["/v1/scans", "POST"],
        [`/v1/scans/${ids[0]}`, "GET"],
        [`/v1/scans/${ids[0]}/diff/${ids[1]}`, "GET"],
        ["/v1/anything", "GET"],
      ] as const) {
        const reply = await test.call(route, { method, token });
        expect(reply.status, `${method} ${route} with ${String(token)}`).toBe(401);
        expect(reply.headers.get("www-authenticate")).toMatch(/^Bearer/);
        expect(reply.json()).toEqual({ error: expect.any(String) });
      }
    }
    const lowercase = await test.call("/v1/scans", { token: null, headers: { authorization: `bearer ${TOKEN}` } });
    expect(lowercase.status).toBe(200);
    const basic = await test.call("/v1/scans", { token: null, headers: { authorization: `Basic ${TOKEN}` } });
    expect(basic.status).toBe(401);
  });

  it("is never written to the log", () => {
    expect(test.logs.join("\n")).not.toContain(TOKEN);
  });

  it("is not needed for health, readiness, metrics and the page", async () => {
    for (const route of ["/healthz", "/readyz", "/metrics", "/", "/assets/trend.js", "/assets/chart.umd.min.js"]) {
      expect((await test.call(route, { token: null })).status, route).toBe(200);
    }
  });
});

describe("malformed requests", () => {
  it("get a 4xx with a JSON error and no stack trace", async () => {
    const cases: Array<[string, string, number]> = [
      ["/v1/scans", "DELETE", 405],
      ["/v1/scans/1", "POST", 405],
      ["/v1/nothing", "GET", 404],
      ["/v1/scans/1/diff", "GET", 404],
      ["/v1/scans/1/diff/2/3", "GET", 404],
      ["/nothing", "GET", 404],
      ["/metrics", "POST", 405],
      ["/healthz", "PUT", 405],
    ];
    for (const [route, method, status] of cases) {
      const reply = await test.call(route, { method });
      expect(reply.status, `${method} ${route}`).toBe(status);
      const body = reply.json() as { error: string };
      expect(Object.keys(body)).toEqual(["error"]);
      expect(body.error).not.toMatch(/\n\s+at /);
    }
    const allow = await test.call("/v1/scans/1", { method: "PUT" });
    expect(allow.headers.get("allow")).toBe("GET");
  });

  it("a body too large for POST /v1/scans is refused", async () => {
    const response = await fetch(`${test.server.url}/v1/scans`, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}` },
      body: "x".repeat(100_000),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: expect.stringContaining("too large") });
  });
});

describe("retention", () => {
  it("keeps the newest history.retention.maxScans scans; the others answer 404", async () => {
    const kept = await startTestServer(work.file("retention.db"), [scanned], {
      config: { retention: { maxScans: 2 } },
    });
    try {
      setStage(scanned, "base");
      const stored: number[] = [];
      for (let index = 0; index < 3; index++) {
        const job = await kept.scan();
        expect(job.status, job.error).toBe("stored");
        stored.push(job.id);
      }
      const listed = kept.call("/v1/scans").then((reply) => reply.json()) as Promise<{ scans: Array<{ id: number }> }>;
      expect((await listed).scans.map((scan) => scan.id)).toEqual(stored.slice(1));
      const gone = await kept.call(`/v1/scans/${stored[0]}`);
      expect(gone.status).toBe(404);
      expect(gone.json()).toEqual({ error: expect.stringContaining("retention") });
      expect((await kept.call(`/v1/scans/${stored[2]}`)).status).toBe(200);
    } finally {
      await kept.server.stop();
    }
  });
});
