// `npm run bench`: scans a synthetic 10,000-object cluster dump and prints objects/second and
// peak RSS for `scan framework nsa` and for all four frameworks (median of 3 fresh processes).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { syntheticCluster } from "./synthetic-cluster.js";

const OBJECTS = Number(process.env.RAMPART_BENCH_OBJECTS ?? 10_000);
const RUNS = 3;
const work = mkdtempSync(path.join(tmpdir(), "rampart-bench-"));
const dump = path.join(work, "cluster.json");
writeFileSync(dump, JSON.stringify(syntheticCluster(OBJECTS)));
const scanOnce = path.join(import.meta.dirname, "scan-once.js");

function measure(label: string, frameworks: string): void {
  const runs = Array.from({ length: RUNS }, () => {
    const output = execFileSync(
      process.execPath,
      [scanOnce, "scan", "framework", frameworks, dump, "--format", "json", "--output", path.join(work, "report.json")],
      { encoding: "utf8" },
    );
    return JSON.parse(output) as { code: number; seconds: number; maxRssMiB: number };
  });
  const failed = runs.filter((run) => run.code !== 0);
  if (runs.length !== RUNS || failed.length > 0)
    throw new Error(
      `${label}: ${failed.length} of ${RUNS} scans failed (exit codes ${runs.map((run) => run.code).join(", ")})`,
    );
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds);
  const median = sorted[Math.floor(RUNS / 2)] ?? sorted[0];
  if (median === undefined) throw new Error(`${label}: no scan ran`);
  const peak = Math.max(...runs.map((run) => run.maxRssMiB));
  console.log(
    `${label.padEnd(28)} ${OBJECTS} objects  ${median.seconds.toFixed(2)} s  ${Math.round(OBJECTS / median.seconds)} objects/s  peak RSS ${peak.toFixed(0)} MiB`,
  );
}

try {
  measure("scan framework nsa", "nsa");
  measure("scan all four frameworks", "nsa,mitre,cis-v1.23-t1.0.1,devopsbest");
} finally {
  rmSync(work, { recursive: true, force: true });
}
