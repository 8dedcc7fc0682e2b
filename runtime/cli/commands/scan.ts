// `rampart scan [paths…]` (every framework), `rampart scan framework <names> [paths…]`,
// `rampart scan control <IDs> [paths…]` and `rampart scan workload <Kind/name> [paths…]`.
// Without paths, the cluster of the kubeconfig is scanned (scan-input.ts).

import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { toolAvailable } from "../../../compiler/tools.js";
import { isClusterScoped } from "../../../dsl/index.js";
import { effectiveInputs } from "../../config/controls-config.js";
import { type ExceptionRule, namedControls, readExceptionFiles } from "../../config/exceptions.js";
import type { Engine } from "../../engine/engine.js";
import { WasmPool } from "../../engine/pool.js";
import { ReferenceEngine } from "../../engine/reference.js";
import { WasmEngine } from "../../engine/wasm.js";
import { breaches, type Gates } from "../../gates.js";
import { builtinEngine } from "../../generated.js";
import { baselineBreaches, readReportFile } from "../../history/baseline.js";
import { CLUSTER_SOURCE } from "../../input/load.js";
import { locateFields } from "../../input/positions.js";
import {
  FORMAT_VERSIONS,
  type FormatName,
  type FormatVersion,
  isFormatName,
  isFormatVersion,
  REPORT_FORMATS,
  type RenderContext,
} from "../../report/formats.js";
import { jsonReport } from "../../report/json.js";
import { namespacedLabel, skippedInputText } from "../../report/summary.js";
import { BATCH_SIZE, type ScannedObject, scan } from "../../scan.js";
import { type Severity, severityNamed } from "../../score.js";
import {
  builtinLibrary,
  type ControlLibrary,
  type Selection,
  selectControls,
  selectFrameworks,
} from "../../selection.js";
import { VERSION } from "../../version.js";
import { type ControlSource, controlSource, controlsConfig } from "../controls.js";
import { type CliIo, checkWritable, EXIT, splitList, UsageError, writeFileAtomically } from "../io.js";
import { type InputFlags, scanInput, withClusterOptions } from "../scan-input.js";
import { isTarget, notFound, type WorkloadTarget, workloadTarget } from "../workload.js";

interface ScanFlags extends InputFlags {
  readonly format: readonly FormatName[];
  readonly formatVersion: FormatVersion;
  readonly output?: string;
  readonly verbose?: boolean;
  readonly clusterName: string;
  readonly controlsConfig?: string;
  readonly exceptions?: readonly string[];
  readonly includeNamespaces?: readonly string[];
  readonly excludeNamespaces?: readonly string[];
  readonly failThreshold?: number;
  readonly complianceThreshold?: number;
  readonly severityThreshold?: Severity;
  readonly namespace?: string;
  readonly allNamespaces?: boolean;
  readonly controls?: string;
  readonly baseline?: string;
  /** Worker threads asked for; undefined: chosen by the size of the scan. */
  readonly workers: number | undefined;
}

function formats(value: string): FormatName[] {
  const names = splitList(value);
  for (const name of names) {
    if (!isFormatName(name)) {
      throw new InvalidArgumentError(`unknown format "${name}"; formats: ${Object.keys(REPORT_FORMATS).join(", ")}`);
    }
  }
  return names as FormatName[];
}

function formatVersion(value: string): FormatVersion {
  if (!isFormatVersion(value)) throw new InvalidArgumentError(`one of ${FORMAT_VERSIONS.join(", ")}`);
  return value;
}

function percentage(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number < 0 || number > 100) {
    throw new InvalidArgumentError("a score between 0 and 100");
  }
  return number;
}

function workerCount(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError("a whole number, 1 or more");
  return number;
}

function severity(value: string): Severity {
  const found = severityNamed(value);
  if (found === undefined) throw new InvalidArgumentError("low, medium, high or critical");
  return found;
}

function addScanOptions(command: Command): Command {
  return withClusterOptions(
    command
      .addOption(
        new Option(
          "-f, --format <formats>",
          `report format(s), comma-separated: ${Object.keys(REPORT_FORMATS).join(", ")}`,
        )
          .argParser(formats)
          .default(["pretty-printer"], "pretty-printer"),
      )
      .option(
        "--format-version <version>",
        `shape of the json format: v1 (Rampart's) or kubescape-v2 (Kubescape's JSON report v2)`,
        formatVersion,
        "v1",
      )
      .option("-o, --output <file>", "write the report here (with several formats: a base name or a folder)")
      .option("-v, --verbose", "list the failing objects of each control, with paths, fixes and remediation")
      .option("--cluster-name <name>", "name recorded as clusterName in the report", "")
      .option(
        "--controls-config <file>",
        "per-control severity and action (enforce|warn), control inputs and parameters",
      )
      .option(
        "--exceptions <files>",
        "accepted failures (Rampart's YAML form or Kubescape's exception JSON); repeat it or separate files with commas",
        (value: string, previous: readonly string[] | undefined) => [...(previous ?? []), ...splitList(value)],
      )
      .option("--include-namespaces <list>", "scan only these namespaces (comma-separated)", splitList)
      .option("--exclude-namespaces <list>", "skip these namespaces (comma-separated)", splitList)
      .option("--fail-threshold <score>", "exit 1 when the compliance score is below this (0-100)", percentage)
      .option("--compliance-threshold <score>", "the same as --fail-threshold", percentage)
      .option("--severity-threshold <severity>", "exit 1 when a control of this severity or above fails", severity)
      .option("--controls <dir>", "also use the controls and frameworks of this policy project (rampart init)")
      .option(
        "--baseline <report>",
        "an earlier JSON report: exit 1 only on findings it does not hold (the gates judge new findings)",
      ),
    "with no paths: ",
  ).option(
    "--workers <n>",
    `worker threads evaluating policy.wasm, each with its own instance and copy of the objects controls look up (1: in this process); the report is the same for any number (default: one per core from ${AUTO_WORKERS_FROM.toLocaleString("en")} objects, else 1)`,
    workerCount,
  );
}

/**
 * Objects from which a scan uses every core unless --workers says otherwise. Below, workers cost
 * more than they save: each starts and warms up its own policy.wasm and holds its own copy of the
 * inventory, and loading and the report stay on the main thread. On 2 cores, all four frameworks:
 * 10,000 objects took 5.1 s with two workers and 493 MiB, 5.3 s in-process and 387 MiB; 50,000
 * objects 26.9 s and 1,585 MiB, 31.3 s and 1,435 MiB.
 */
const AUTO_WORKERS_FROM = 20_000;

/**
 * Worker threads for a scan of `objects` objects: as many as asked (by default, one per core for a
 * big scan), at most one per batch, none when one would do, none for TypeScript controls.
 */
function workersFor(engine: Engine, requested: number | undefined, objects: number): WasmPool | undefined {
  const wanted = requested ?? (objects >= AUTO_WORKERS_FROM ? availableParallelism() : 1);
  const size = Math.min(wanted, Math.ceil(objects / BATCH_SIZE));
  return engine instanceof WasmEngine && size > 1 ? new WasmPool(engine.file, size) : undefined;
}

/**
 * The options of a scan subcommand, with those given before it (`rampart scan --controls dir
 * framework …`): an option typed on the command line wins over a default, wherever it was typed.
 */
function flagsOf(command: Command): ScanFlags {
  const merged: Record<string, unknown> = { ...command.opts() };
  const parent = command.parent;
  if (parent !== null) {
    for (const [key, value] of Object.entries(parent.opts())) {
      if (parent.getOptionValueSource(key) === "cli" && command.getOptionValueSource(key) !== "cli")
        merged[key] = value;
    }
  }
  return merged as unknown as ScanFlags;
}

export function registerScan(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const builtin = builtinLibrary();
  const allFrameworks = (library: ControlLibrary) => selectFrameworks(library, [...library.frameworks.keys()]);
  const scanCommand = addScanOptions(
    program
      .command("scan")
      // Options after a subcommand (scan framework nsa … --format json) are the subcommand's.
      .enablePositionalOptions()
      .description(
        "scan Kubernetes manifests (files, folders, globs, - for stdin), or with no paths the cluster of the current kubeconfig context, and report compliance scores",
      )
      .argument("[paths...]", "what to scan (none: the cluster); with no subcommand, every framework is used"),
  ).action(async (paths: string[], flags: ScanFlags) => {
    setExit(await runScan(io, paths, flags, allFrameworks));
  });
  addScanOptions(
    scanCommand
      .command("framework <names> [paths...]")
      .description(
        `scan with the controls of one or more frameworks (comma-separated): ${[...builtin.frameworks.keys()].join(", ")}, or one of --controls`,
      ),
  ).action(async (names: string, paths: string[], _flags: ScanFlags, command: Command) => {
    const flags = flagsOf(command);
    setExit(await runScan(io, paths, flags, (library) => selectFrameworks(library, splitList(names))));
  });
  addScanOptions(
    scanCommand
      .command("control <ids> [paths...]")
      .description("scan with specific controls (comma-separated IDs, e.g. C-0016,C-0057)"),
  ).action(async (ids: string, paths: string[], _flags: ScanFlags, command: Command) => {
    setExit(await runScan(io, paths, flagsOf(command), (library) => selectControls(library, splitList(ids))));
  });
  addScanOptions(
    scanCommand
      .command("workload <kind[/name]> [paths...]")
      .description(
        "scan the objects of one kind, or one object, with every framework; kinds as kubectl reads them (deployment, deploy, sts/db); other objects stay visible to its controls",
      )
      .option("-n, --namespace <namespace>", "only in this namespace (objects without one are in default)")
      .option("-A, --all-namespaces", "in every namespace (the default)"),
  ).action(async (text: string, paths: string[], _flags: ScanFlags, command: Command) => {
    const flags = flagsOf(command);
    const target = workloadTarget(text, flags);
    setExit(await runScan(io, paths, flags, allFrameworks, target));
  });
}

export interface ScanControls {
  readonly source: ControlSource;
  readonly engine: (selection: Selection) => {
    engine: Engine;
    inventoryKinds: ReadonlySet<string> | undefined;
    /** The kinds each control looks up, by ID (undefined: not known, any kind). */
    lookups: ReadonlyMap<string, readonly string[]> | undefined;
  };
}

/**
 * The controls to scan with: the built-in ones, or those and a policy project's. A project is
 * compiled to policy.wasm when OPA is installed; without OPA its controls run as TypeScript.
 */
export async function controlsFor(io: CliIo, flags: Pick<ScanFlags, "controls">): Promise<ScanControls> {
  const withOpa = flags.controls !== undefined && toolAvailable("opa");
  const source = await controlSource(flags.controls, withOpa ? { withOpa } : undefined);
  const { project, compiled, library } = source;
  if (project === undefined) return { source, engine: (selection) => builtinEngine(selection) };
  if (compiled === undefined) {
    io.stderr("rampart: warning: OPA is not installed: the project's controls run as TypeScript, not policy.wasm\n");
    return {
      source,
      engine: () => ({ engine: new ReferenceEngine(library.controls), inventoryKinds: undefined, lookups: undefined }),
    };
  }
  return { source, engine: (selection) => builtinEngine(selection, compiled) };
}

/** Namespace filters and the workload filter, as one predicate on scanned objects. */
export function objectFilter(
  flags: Pick<ScanFlags, "includeNamespaces" | "excludeNamespaces">,
  workload?: WorkloadTarget,
) {
  const include = flags.includeNamespaces;
  const exclude = flags.excludeNamespaces ?? [];
  return (object: ScannedObject) => {
    if (workload !== undefined && !isTarget(workload, object)) return false;
    if (isClusterScoped(object.kind)) return true;
    const namespace = object.namespace ?? "default";
    return (include === undefined || include.includes(namespace)) && !exclude.includes(namespace);
  };
}

/**
 * Where each format goes: stdout, the file given, or (several formats) one file per format, in a
 * folder (made when the name ends with `/`) or beside a base name. Checked before the scan.
 */
function destinations(flags: ScanFlags): Array<{ format: FormatName; file: string | undefined }> {
  const targets = destinationFiles(flags);
  const folder = flags.format.length > 1 && flags.output?.endsWith("/") === true;
  for (const { file } of targets) if (file !== undefined) checkWritable(file, folder);
  return targets;
}

function destinationFiles(flags: ScanFlags): Array<{ format: FormatName; file: string | undefined }> {
  if (flags.format.length === 1) return [{ format: flags.format[0] as FormatName, file: flags.output }];
  if (flags.output === undefined) throw new UsageError("several formats need --output (a base name or a folder)");
  const output = flags.output;
  const isFolder = output.endsWith("/") || (existsSync(output) && statSync(output).isDirectory());
  return flags.format.map((format) => {
    const extension = REPORT_FORMATS[format].extension;
    const file = isFolder
      ? path.join(output, `report.${extension}`)
      : `${output.replace(
          new RegExp(
            `\\.(${Object.values(REPORT_FORMATS)
              .map((f) => f.extension)
              .join("|")})$`,
          ),
          "",
        )}.${extension}`;
    return { format, file };
  });
}

async function runScan(
  io: CliIo,
  paths: readonly string[],
  flags: ScanFlags,
  select: (library: ControlLibrary) => Selection,
  workload?: WorkloadTarget,
): Promise<number> {
  const targets = destinations(flags);
  if (flags.formatVersion !== "v1" && !flags.format.includes("json")) {
    throw new UsageError(`--format-version ${flags.formatVersion} applies to --format json`);
  }
  const baseline = flags.baseline === undefined ? undefined : readReportFile(flags.baseline);
  const controls = await controlsFor(io, flags);
  const selected = select(controls.source.library);
  const config = controlsConfig(flags.controlsConfig, controls.source);
  const exceptions: ExceptionRule[] = readExceptionFiles(flags.exceptions ?? []);
  const { engine, inventoryKinds, lookups } = controls.engine(selected);
  const input = await scanInput(io, paths, flags, selected, lookups);
  const { loaded, selection } = input;
  const progress = io.stderrIsTTY && loaded.objects.length > 1000;
  const pool = workersFor(engine, flags.workers, loaded.objects.length);
  const result = await scan({
    loaded,
    selection,
    inputs: effectiveInputs(config, controls.source.targets.parameters),
    engine: pool ?? engine,
    inventoryKinds,
    scanObject: objectFilter(flags, workload),
    exceptions,
    controlSettings: config.controls,
    onProgress: progress ? (done, total) => io.stderr(`\rscanning: ${done}/${total} objects`) : undefined,
  }).finally(() => pool?.close());
  if (progress) io.stderr("\n");
  for (const skipped of loaded.skipped) io.stderr(`rampart: warning: ${skippedInputText(skipped)}\n`);
  const malformedAt = locateFields(
    result.malformed.map(({ object, problem }) => ({ ...object.source, path: problem.path })),
  );
  result.malformed.forEach(({ object, problem, evaluated }, index) => {
    const line = malformedAt[index]?.line ?? object.source.line;
    const consequence = evaluated
      ? "every control reports this object as an error"
      : "left out of the objects controls look up";
    // An object of a live cluster is named by its identity there; one of a file by file and line.
    const where =
      object.source.file === CLUSTER_SOURCE
        ? namespacedLabel(object)
        : `${object.source.file}:${line}: ${object.kind}/${object.name}`;
    io.stderr(`rampart: warning: ${where}: ${problem.path}: ${problem.message}; ${consequence}\n`);
  });
  for (const use of result.exceptions) {
    if (use.expired)
      io.stderr(`rampart: warning: ${use.rule.where}: exception "${use.rule.name}" has expired; not applied\n`);
    else if (use.controls.length === 0)
      io.stderr(
        `rampart: warning: ${use.rule.where}: exception "${use.rule.name}" names no control this scan evaluates (${namedControls(use.rule)})\n`,
      );
    else if (use.applied === 0)
      io.stderr(`rampart: warning: ${use.rule.where}: exception "${use.rule.name}" matches no failure\n`);
  }
  if (workload !== undefined && result.objects.length === 0) {
    throw new UsageError(
      notFound(workload, loaded.objects, input.targets.includes(CLUSTER_SOURCE) ? "cluster" : "input"),
    );
  }
  const context: RenderContext = {
    version: VERSION,
    scanDate: new Date(),
    clusterName: flags.clusterName === "" ? (input.clusterName ?? "") : flags.clusterName,
    targets: input.targets,
    verbose: flags.verbose === true,
    color: io.stdoutIsTTY,
    formatVersion: flags.formatVersion,
  };
  for (const { format, file } of targets) {
    const rendered = REPORT_FORMATS[format].render(result, { ...context, color: context.color && file === undefined });
    if (file !== undefined) writeFileAtomically(file, rendered);
    else if (typeof rendered === "string") io.stdout(rendered);
    else if (rendered instanceof Uint8Array) io.stdout(Buffer.from(rendered).toString("utf8"));
    else for (const piece of rendered) io.stdout(piece);
  }
  const gates: Gates = {
    complianceThreshold: flags.failThreshold ?? flags.complianceThreshold,
    severityThreshold: flags.severityThreshold,
  };
  const reasons =
    baseline === undefined || flags.baseline === undefined
      ? breaches(result, gates)
      : baselineBreaches(result, jsonReport(result, context), baseline, flags.baseline, gates).reasons;
  for (const reason of reasons) io.stderr(`rampart: gate failed: ${reason}\n`);
  return reasons.length > 0 ? EXIT.gateFailed : EXIT.ok;
}
