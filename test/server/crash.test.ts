// A `rampart serve` process killed with SIGKILL in the middle of a scan loses no stored history:
// the database passes SQLite's integrity check, and the next start serves every scan stored
// before the kill, each with its whole report. And SIGTERM stops the process cleanly (exit 0).
import { type ChildProcess, spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import { HistoryStore } from "../../runtime/history/store.js";
import type { JsonReport } from "../../runtime/report/json.js";
import { syntheticCluster } from "../bench/synthetic-cluster.js";
import { tempFolder } from "../support/cli.js";
import { TOKEN } from "../support/serve.js";
import { type ServeProcess, serveProcess } from "../support/serve-process.js";

const work = tempFolder("rampart-serve-crash-");
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
});

/** `rampart serve` as a process; resolves once it listens. */
function serve(args: readonly string[]): Promise<ServeProcess> {
  return serveProcess(args, children);
}

async function scans(url: string): Promise<{
  scans: Array<{ id: number; date: string; score: number }>;
  pending: Array<{ id: number; status: string }>;
}> {
  const response = await fetch(`${url}/v1/scans`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as Awaited<ReturnType<typeof scans>>;
}

describe("rampart serve as a process", () => {
  const database = work.file("history.db");
  const token = work.file("token", `${TOKEN}\n`);
  const cluster = work.file("cluster.json");
  const config = work.file(
    "config.json",
    JSON.stringify({ scan: { scanSchedule: "* * * * * *", frameworks: ["nsa", "mitre"] } }),
  );
  const args = ["--config", config, "--db", database, "--token-file", token, "--listen", "127.0.0.1:0", cluster];

  it("loses no stored scan when killed with SIGKILL mid-scan, and serves them all at the next start", async () => {
    writeFileSync(cluster, JSON.stringify(syntheticCluster(1500)));
    const first = await serve(args);
    // Scans run back to back (a schedule of every second); wait for three stored ones.
    const deadline = Date.now() + 240_000;
    let seen = await scans(first.url);
    while (seen.scans.length < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      seen = await scans(first.url);
    }
    expect(seen.scans.length, first.output()).toBeGreaterThanOrEqual(3);
    // Kill while a scan runs.
    while (!seen.pending.some((job) => job.status === "running") && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      seen = await scans(first.url);
    }
    const running = seen.pending.find((job) => job.status === "running");
    expect(running, first.output()).toBeDefined();
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");

    // The file is sound, and holds every scan seen before the kill.
    const store = HistoryStore.open(database, { readOnly: true });
    try {
      expect(store.integrityCheck()).toBe("ok");
      const kept = store.list().map((scan) => scan.id);
      for (const scan of seen.scans) expect(kept).toContain(scan.id);
      // The scan killed mid-way is not there, not even in part.
      expect(kept).not.toContain(running?.id);
    } finally {
      store.close();
    }

    const second = await serve(args.filter((arg) => arg !== config).slice(1));
    try {
      const after = await scans(second.url);
      for (const scan of seen.scans) {
        expect(after.scans).toContainEqual(
          expect.objectContaining({ id: scan.id, date: scan.date, score: scan.score }),
        );
        const report = await fetch(`${second.url}/v1/scans/${scan.id}`, {
          headers: { authorization: `Bearer ${TOKEN}` },
        });
        expect(report.status).toBe(200);
        const body = (await report.json()) as JsonReport;
        expect(body.scanDate).toBe(scan.date);
        expect(body.summaryDetails.score).toBe(scan.score);
      }
      // IDs handed out before the kill are never given again.
      const response = await fetch(`${second.url}/v1/scans`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      const { id } = (await response.json()) as { id: number };
      expect(id).toBeGreaterThan(running?.id ?? 0);
      second.child.kill("SIGTERM");
      const exit = await second.exited;
      expect(exit.code, second.output()).toBe(0);
      expect(second.output()).toMatch(/rampart serve: stopped\n$/);
      expect(second.output()).not.toContain(TOKEN);
    } finally {
      if (second.child.exitCode === null) second.child.kill("SIGKILL");
    }
  }, 400_000);

  it("refuses a bad configuration at start, naming the file, line and field", async () => {
    const bad = work.file("bad.json", '{\n  "scan": {\n    "scanSchedule": "0 25 * * *"\n  }\n}\n');
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        path.join(PROJECT_ROOT, "test/support/rampart-bin.ts"),
        "serve",
        "--config",
        bad,
        "--token-file",
        token,
        cluster,
      ],
      { cwd: PROJECT_ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    children.push(child);
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", (exit) => resolve(exit)));
    expect(code).toBe(2);
    expect(stderr).toBe(
      `rampart: ${bad}:3: scan.scanSchedule: "0 25 * * *" is not a cron expression: Invalid value for hour: 25\n`,
    );
  });
});
