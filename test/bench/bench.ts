// `npm run bench`: the figures of issue 14, each the median of fresh processes (RAMPART_BENCH_RUNS,
// default 3). Cold start: `rampart --version` and `rampart scan control C-0057` of one small file.
// Throughput and memory: all four frameworks on synthetic cluster dumps of 1k, 10k and 50k objects
// (RAMPART_BENCH_SIZES), 10k objects on two workers, and 10k objects shaped for the cross-resource
// controls; each beside a bare JSON.parse of the same file, measured in the same run. Figures
// only: nothing here fails on a slow machine.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import { type SyntheticOptions, syntheticCluster } from "./synthetic-cluster.js";

const RUNS = Number(process.env.RAMPART_BENCH_RUNS ?? 3);
const SIZES = (process.env.RAMPART_BENCH_SIZES ?? "1000,10000,50000").split(",").map(Number);
const FRAMEWORKS = "nsa,mitre,cis-v1.23-t1.0.1,devopsbest";
const work = mkdtempSync(path.join(tmpdir(), "rampart-bench-"));
const once = path.join(import.meta.dirname, "scan-once.js");
const bin = path.join(PROJECT_ROOT, "bin", "rampart.js");

interface Run {
  readonly code: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly maxRssMiB: number;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** RUNS fresh processes of scan-once.js with `args`: median time and CPU, highest peak RSS. */
function measure(label: string, args: readonly string[]): Run {
  const runs = Array.from(
    { length: RUNS },
    () => JSON.parse(execFileSync(process.execPath, [once, ...args], { encoding: "utf8" })) as Run,
  );
  const failed = runs.filter((run) => run.code !== 0);
  if (failed.length > 0) throw new Error(`${label}: exit codes ${runs.map((run) => run.code).join(", ")}`);
  return {
    code: 0,
    seconds: median(runs.map((run) => run.seconds)),
    cpuSeconds: median(runs.map((run) => run.cpuSeconds)),
    maxRssMiB: Math.max(...runs.map((run) => run.maxRssMiB)),
  };
}

/** Prints the process's CPU time (user and system) on stderr when it exits. */
const CPU_AT_EXIT = `data:text/javascript,${encodeURIComponent(
  'process.on("exit", () => { const u = process.resourceUsage(); process.stderr.write("\\ncpu " + (u.userCPUTime + u.systemCPUTime) / 1e6 + "\\n"); });',
)}`;

/**
 * The whole command as a user runs it (node's own start included), in fresh processes: median
 * wall time, and median CPU time, which a busy machine inflates less.
 */
function coldStart(args: readonly string[]): { seconds: number; cpuSeconds: number } {
  const runs = Array.from({ length: Math.max(RUNS, 5) }, () => {
    const started = process.hrtime.bigint();
    const { stderr } = spawnSync(process.execPath, ["--import", CPU_AT_EXIT, ...args], { encoding: "utf8" });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { seconds, cpuSeconds: Number(/cpu (\S+)\n$/.exec(stderr)?.[1]) };
  });
  return { seconds: median(runs.map((run) => run.seconds)), cpuSeconds: median(runs.map((run) => run.cpuSeconds)) };
}

function printColdStart(label: string, args: readonly string[], goal: string): void {
  const { seconds, cpuSeconds } = coldStart(args);
  console.log(`cold start: ${label.padEnd(40)} ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s)  ${goal}`);
}

function throughput(
  label: string,
  objects: number,
  options: SyntheticOptions = {},
  extra: readonly string[] = [],
): void {
  const dump = path.join(work, `cluster-${objects}.json`);
  writeFileSync(dump, JSON.stringify(syntheticCluster(objects, options)));
  const megabytes = statSync(dump).size / 2 ** 20;
  const parse = measure(`JSON.parse ${label}`, ["json-parse", dump]);
  const report = path.join(work, "report.json");
  const scan = measure(label, [
    "scan",
    "framework",
    FRAMEWORKS,
    dump,
    "--format",
    "json",
    "--output",
    report,
    ...extra,
  ]);
  const reportMiB = statSync(report).size / 2 ** 20;
  console.log(
    [
      `${label.padEnd(22)} ${String(objects).padStart(6)} objects (${megabytes.toFixed(1)} MiB)`,
      `scan ${scan.seconds.toFixed(2)} s (CPU ${scan.cpuSeconds.toFixed(2)} s)`,
      `JSON.parse ${(parse.seconds * 1000).toFixed(0)} ms, ratio ${(scan.seconds / parse.seconds).toFixed(0)}x`,
      `${((scan.seconds / objects) * 1e6).toFixed(0)} µs/object`,
      `peak RSS ${scan.maxRssMiB.toFixed(0)} MiB (${((scan.maxRssMiB * 1024) / objects).toFixed(1)} KiB/object)`,
      `report ${reportMiB.toFixed(0)} MiB`,
    ].join("  "),
  );
}

try {
  console.log(
    `node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(1)}; medians of ${RUNS} runs`,
  );
  const small = path.join(PROJECT_ROOT, "examples", "web-app.yaml");
  printColdStart("node -e 0 (node itself, for comparison)", ["-e", "0"], "");
  printColdStart("rampart --version", [bin, "--version"], "goal 0.15 s");
  printColdStart(
    `rampart scan control C-0057 ${path.basename(small)}`,
    [bin, "scan", "control", "C-0057", small],
    "goal 0.35 s",
  );
  console.log(`goals: scan ≤ 10x JSON.parse; peak RSS ≤ 300 MiB at 10k objects, ≤ 1 GiB at 50k`);
  for (const objects of SIZES) throughput("all four frameworks", objects);
  // Below 20,000 objects a scan stays in-process by default; two workers trade memory for time.
  throughput("same, --workers 2", 10_000, {}, ["--workers", "2"]);
  throughput("cross-resource shape", 10_000, { crossResource: true });
} finally {
  rmSync(work, { recursive: true, force: true });
}
