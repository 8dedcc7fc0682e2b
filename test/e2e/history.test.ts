// `rampart history`, `rampart diff` on the database `rampart serve` writes, and
// `rampart scan --baseline` for CI without a server.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inProcessRunner } from "../../runtime/server/runner.js";
import { jq, tempFolder } from "../support/cli.js";
import { setStage, startTestServer, type TestServer } from "../support/serve.js";
import { rampart } from "./run-cli.js";

const work = tempFolder("rampart-history-cli-");
const scanned = path.join(work.folder, "cluster");
const database = work.file("history.db");
let test: TestServer;

beforeAll(async () => {
  test = await startTestServer(database, [scanned], { runner: inProcessRunner() });
  for (const stage of ["base", "risky", "fixed"] as const) {
    setStage(scanned, stage);
    expect((await test.scan()).status).toBe("stored");
  }
});

afterAll(async () => {
  await test?.server.stop();
});

describe("rampart history", () => {
  it("prints the stored scans, oldest first, with each framework's score", async () => {
    const run = await rampart(["history", "--db", database]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[1]).toMatch(
      /^│ ID │ DATE \(UTC\)\s+│\s+SCORE │ CHANGE │\s+NSA │\s+MITRE │ CIS-V1\.23-T1\.0\.1 │ FAILED CONTROLS │ TRIGGER\s+│$/,
    );
    const rows = lines.filter((line) => /^│\s+\d+ │/.test(line));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^│\s+1 │ \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z │\s+\d+\.\d{2}% │\s+│/);
    expect(rows[1]).toMatch(/│\s+[+-]\d+\.\d{2} │/);
  });

  it("answers the article's jq recipes with --format json", async () => {
    const run = await rampart(["history", "--db", database, "--format", "json"]);
    const file = work.file("history.json", run.stdout);
    const entries = jq(file, ".scans[] | {date, score}") as Array<{ date: string; score: number }>;
    expect(entries).toHaveLength(3);
    expect(jq(file, ".scans | sort_by(.date) | .[] | {date, score}")).toEqual(entries);
  });

  it("keeps one framework with --framework, and a period with --since", async () => {
    const nsa = JSON.parse(
      (await rampart(["history", "--db", database, "--framework", "nsa", "--format", "json"])).stdout,
    ) as {
      scans: Array<{ frameworks: Array<{ name: string }> }>;
    };
    expect(nsa.scans).toHaveLength(3);
    expect(nsa.scans.every((scan) => scan.frameworks.map((f) => f.name).join() === "nsa")).toBe(true);
    const table = await rampart(["history", "--db", database, "--framework", "nsa"]);
    expect(table.stdout).toMatch(/│\s+NSA │ FAILED CONTROLS │/);
    expect(table.stdout).not.toMatch(/MITRE/);
    expect((await rampart(["history", "--db", database, "--since", "30d", "--format", "json"])).stdout).toContain(
      '"id": 3',
    );
    expect((await rampart(["history", "--db", database, "--since", "2999-01-01"])).stdout).toMatch(
      /^no scans in that period/,
    );
    expect((await rampart(["history", "--db", database, "--framework", "devopsbest"])).stdout).toMatch(
      /^no scans of devopsbest/,
    );
  });

  it("refuses a bad --since and a missing database", async () => {
    const since = await rampart(["history", "--db", database, "--since", "last week"]);
    expect(since.code).toBe(2);
    expect(since.stderr).toMatch(/--since <when>' argument 'last week' is invalid\. a duration back from now/);
    const missing = await rampart(["history", "--db", work.file("none.db")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^rampart: cannot open the scan history .*none\.db/);
  });
});

describe("rampart diff", () => {
  it("names new, fixed and still-failing findings between two stored scans", async () => {
    const run = await rampart(["diff", "1", "2", "--db", database]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^scan 1 \(.*, \d+\.\d{2}%\) → scan 2 \(/);
    expect(run.stdout).toMatch(/^New findings \(\d+\):$/m);
    expect(run.stdout).toMatch(/^ {2}High\s+C-0057 Privileged container {2}Deployment production\/risky-app$/m);
    expect(run.stdout).toMatch(/^Fixed \(\d+\):$/m);
    expect(run.stdout).toMatch(/nightly-report/);
    expect(run.stdout).toMatch(/^Still failing: \d+ \(--verbose lists them\)$/m);
    const json = JSON.parse((await rampart(["diff", "2", "latest", "--db", database, "--format", "json"])).stdout) as {
      counts: { new: number; fixed: number };
      fixed: Array<{ controlID: string; name: string }>;
    };
    expect(json.counts.new).toBe(0);
    expect(json.fixed).toContainEqual(expect.objectContaining({ controlID: "C-0057", name: "risky-app" }));
  });

  it("compares JSON report files too", async () => {
    setStage(scanned, "base");
    const before = work.file("before.json", (await rampart(["scan", scanned, "--format", "json"])).stdout);
    setStage(scanned, "risky");
    const after = work.file("after.json", (await rampart(["scan", scanned, "--format", "json"])).stdout);
    const run = await rampart(["diff", before, after]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^before\.json|^.*before\.json \(/);
    expect(run.stdout).toContain("Deployment production/risky-app");
  });

  it("refuses what is neither a scan nor a report", async () => {
    const unknown = await rampart(["diff", "1", "99", "--db", database]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(`rampart: ${database} holds no scan 99\n`);
    const word = await rampart(["diff", "first", "2", "--db", database]);
    expect(word.stderr).toMatch(/"first" is neither a scan ID/);
    const notReport = await rampart(["diff", work.file("x.json", '{"a": 1}'), work.file("y.json", "[]")]);
    expect(notReport.code).toBe(2);
    expect(notReport.stderr).toMatch(/x\.json is not a Rampart JSON report/);
  });
});

describe("rampart scan --baseline", () => {
  let baseline: string;

  beforeAll(async () => {
    setStage(scanned, "base");
    const run = await rampart(["scan", "framework", "nsa", scanned, "--format", "json"]);
    baseline = work.file("baseline.json", run.stdout);
  });

  it("passes when every finding is in the baseline, though findings remain", async () => {
    setStage(scanned, "base");
    const run = await rampart(["scan", "framework", "nsa", scanned, "--baseline", baseline]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/failed/i);
  });

  it("fails on a new finding and names it", async () => {
    setStage(scanned, "risky");
    const run = await rampart(["scan", "framework", "nsa", scanned, "--baseline", baseline, "--format", "json"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^rampart: gate failed: \d+ finding\(s\) not in the baseline .*baseline\.json:$/m);
    expect(run.stderr).toMatch(/^ {2}High\s+C-0057 Privileged container {2}Deployment production\/risky-app$/m);
    expect(JSON.parse(run.stdout).reportVersion).toBe("rampart.dev/report/v1");
  });

  it("judges only new findings at or above --severity-threshold, and never warn controls", async () => {
    setStage(scanned, "risky");
    const critical = await rampart([
      "scan",
      "framework",
      "nsa",
      scanned,
      "--baseline",
      baseline,
      "--severity-threshold",
      "critical",
    ]);
    expect(critical.code, critical.stderr).toBe(0);
    const high = await rampart([
      "scan",
      "framework",
      "nsa",
      scanned,
      "--baseline",
      baseline,
      "--severity-threshold",
      "high",
    ]);
    expect(high.code).toBe(1);
    expect(high.stderr).toMatch(/of severity High or above not in the baseline/);
    // Every control the new Deployment fails, set to warn.
    const report = JSON.parse((await rampart(["scan", "framework", "nsa", scanned, "--format", "json"])).stdout) as {
      results: Array<{ controlID: string; resources: Array<{ name: string; status: string }> }>;
    };
    const failing = report.results
      .filter((control) => control.resources.some((r) => r.name === "risky-app" && r.status === "failed"))
      .map((control) => `  ${control.controlID}: { action: warn }`);
    const config = work.file("warn.yaml", `controls:\n${failing.join("\n")}\n`);
    const warn = await rampart([
      "scan",
      "framework",
      "nsa",
      scanned,
      "--baseline",
      baseline,
      "--controls-config",
      config,
    ]);
    expect(warn.code, warn.stderr).toBe(0);
  });

  it("still applies --fail-threshold to the whole score", async () => {
    setStage(scanned, "base");
    const run = await rampart(["scan", "framework", "nsa", scanned, "--baseline", baseline, "--fail-threshold", "100"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/compliance score .* is below the threshold 100/);
  });

  it("refuses a baseline that is not a JSON report", async () => {
    const run = await rampart(["scan", scanned, "--baseline", work.file("sarif.json", '{"runs": []}')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/sarif\.json is not a Rampart JSON report/);
  });
});
