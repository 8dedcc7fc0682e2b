// `rampart scan [paths…]` (every framework), `rampart scan framework <names> [paths…]`,
// `rampart scan control <IDs> [paths…]` and `rampart scan workload <Kind/name> [paths…]`.
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import {
  type ControlsConfig,
  EMPTY_CONTROLS_CONFIG,
  effectiveInputs,
  readControlsConfig,
} from "../../config/controls-config.js";
import { type ExceptionRule, readExceptions } from "../../config/exceptions.js";
import { breaches, type Gates } from "../../gates.js";
import { builtinEngine } from "../../generated.js";
import { loadInputs } from "../../input/load.js";
import { isClusterScoped } from "../../input/scope.js";
import { type FormatName, isFormatName, REPORT_FORMATS, type RenderContext } from "../../report/formats.js";
import { type ScannedObject, scan } from "../../scan.js";
import type { Severity } from "../../score.js";
import { builtinLibrary, type Selection, selectControls, selectFrameworks } from "../../selection.js";
import { VERSION } from "../../version.js";
import { type CliIo, EXIT, splitList, UsageError, writeFileAtomically } from "../io.js";

interface ScanFlags {
  readonly format: readonly FormatName[];
  readonly output?: string;
  readonly verbose?: boolean;
  readonly clusterName: string;
  readonly controlsConfig?: string;
  readonly exceptions?: string;
  readonly includeNamespaces?: readonly string[];
  readonly excludeNamespaces?: readonly string[];
  readonly failThreshold?: number;
  readonly complianceThreshold?: number;
  readonly severityThreshold?: Severity;
  readonly namespace?: string;
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

function percentage(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number < 0 || number > 100) {
    throw new InvalidArgumentError("a score between 0 and 100");
  }
  return number;
}

const SEVERITIES: Record<string, Severity> = { low: "Low", medium: "Medium", high: "High", critical: "Critical" };

function severity(value: string): Severity {
  const found = SEVERITIES[value.toLowerCase()];
  if (found === undefined) throw new InvalidArgumentError("low, medium, high or critical");
  return found;
}

function addScanOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        "-f, --format <formats>",
        `report format(s), comma-separated: ${Object.keys(REPORT_FORMATS).join(", ")}`,
      )
        .argParser(formats)
        .default(["pretty-printer"], "pretty-printer"),
    )
    .option("-o, --output <file>", "write the report here (with several formats: a base name or a folder)")
    .option("-v, --verbose", "list the failing objects of each control, with paths, fixes and remediation")
    .option("--cluster-name <name>", "name recorded as clusterName in the report", "")
    .option("--controls-config <file>", "per-control severity and action (enforce|warn), and control inputs")
    .option("--exceptions <file>", "accepted failures (Rampart's YAML form or Kubescape's exception JSON)")
    .option("--include-namespaces <list>", "scan only these namespaces (comma-separated)", splitList)
    .option("--exclude-namespaces <list>", "skip these namespaces (comma-separated)", splitList)
    .option("--fail-threshold <score>", "exit 1 when the compliance score is below this (0-100)", percentage)
    .option("--compliance-threshold <score>", "the same as --fail-threshold", percentage)
    .option("--severity-threshold <severity>", "exit 1 when a control of this severity or above fails", severity);
}

export function registerScan(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const library = builtinLibrary();
  const scanCommand = addScanOptions(
    program
      .command("scan")
      // Options after a subcommand (scan framework nsa … --format json) are the subcommand's.
      .enablePositionalOptions()
      .description("scan Kubernetes manifests (files, folders, globs, - for stdin) and report compliance scores")
      .argument("[paths...]", "what to scan; with no subcommand, every framework is used"),
  ).action((paths: string[], flags: ScanFlags) => {
    setExit(runScan(io, paths, flags, () => selectFrameworks(library, [...library.frameworks.keys()])));
  });
  addScanOptions(
    scanCommand
      .command("framework <names> [paths...]")
      .description(
        `scan with the controls of one or more frameworks (comma-separated): ${[...library.frameworks.keys()].join(", ")}`,
      ),
  ).action((names: string, paths: string[], flags: ScanFlags) => {
    setExit(runScan(io, paths, flags, () => selectFrameworks(library, splitList(names))));
  });
  addScanOptions(
    scanCommand
      .command("control <ids> [paths...]")
      .description("scan with specific controls (comma-separated IDs, e.g. C-0016,C-0057)"),
  ).action((ids: string, paths: string[], flags: ScanFlags) => {
    setExit(runScan(io, paths, flags, () => selectControls(library, splitList(ids))));
  });
  addScanOptions(
    scanCommand
      .command("workload <kind/name> [paths...]")
      .description("scan one workload of the input with every framework (other objects stay visible to its controls)")
      .option("-n, --namespace <namespace>", "the workload's namespace"),
  ).action((target: string, paths: string[], flags: ScanFlags) => {
    const [kind, name, ...rest] = target.split("/");
    if (kind === undefined || name === undefined || kind === "" || name === "" || rest.length > 0) {
      throw new UsageError(`the workload is written Kind/name (e.g. Deployment/web), not "${target}"`);
    }
    const matches = (object: ScannedObject) =>
      object.kind === kind &&
      object.name === name &&
      (flags.namespace === undefined || (object.namespace ?? "default") === flags.namespace);
    setExit(
      runScan(io, paths, flags, () => selectFrameworks(library, [...library.frameworks.keys()]), matches, target),
    );
  });
}

/** Namespace filters and the workload filter, as one predicate on scanned objects. */
function objectFilter(flags: ScanFlags, workload?: (object: ScannedObject) => boolean) {
  const include = flags.includeNamespaces;
  const exclude = flags.excludeNamespaces ?? [];
  return (object: ScannedObject) => {
    if (workload !== undefined && !workload(object)) return false;
    if (isClusterScoped(object.kind)) return true;
    const namespace = object.namespace ?? "default";
    return (include === undefined || include.includes(namespace)) && !exclude.includes(namespace);
  };
}

/** Where each format goes: stdout, the file given, or (several formats) one file per format. */
function destinations(flags: ScanFlags): Array<{ format: FormatName; file: string | undefined }> {
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

function runScan(
  io: CliIo,
  paths: readonly string[],
  flags: ScanFlags,
  select: () => Selection,
  workload?: (object: ScannedObject) => boolean,
  workloadName?: string,
): number {
  if (paths.length === 0)
    throw new UsageError("nothing to scan: give files, folders, globs, or - to read standard input");
  const targets = destinations(flags);
  const selection = select();
  const known = new Set(builtinLibrary().controls.keys());
  const config: ControlsConfig =
    flags.controlsConfig === undefined ? EMPTY_CONTROLS_CONFIG : readControlsConfig(flags.controlsConfig, known);
  const exceptions: ExceptionRule[] = flags.exceptions === undefined ? [] : readExceptions(flags.exceptions);
  const { engine, inventoryKinds } = builtinEngine(selection);
  const loaded = loadInputs(paths, { stdin: io.stdin });
  const progress = io.stderrIsTTY && loaded.objects.length > 1000;
  const result = scan({
    loaded,
    selection,
    inputs: effectiveInputs(config),
    engine,
    inventoryKinds,
    scanObject: objectFilter(flags, workload),
    exceptions,
    controlSettings: config.controls,
    onProgress: progress ? (done, total) => io.stderr(`\rscanning: ${done}/${total} objects`) : undefined,
  });
  if (progress) io.stderr("\n");
  for (const skipped of loaded.skipped) {
    io.stderr(
      `rampart: warning: ${skipped.file}${skipped.line === undefined ? "" : `:${skipped.line}`}: ${skipped.reason}\n`,
    );
  }
  for (const use of result.exceptions) {
    if (use.expired)
      io.stderr(`rampart: warning: ${use.rule.where}: exception "${use.rule.name}" has expired; not applied\n`);
    else if (use.applied === 0)
      io.stderr(`rampart: warning: ${use.rule.where}: exception "${use.rule.name}" matches no failure\n`);
  }
  if (workloadName !== undefined && result.objects.length === 0) {
    throw new UsageError(
      `no ${workloadName}${flags.namespace === undefined ? "" : ` in namespace ${flags.namespace}`} in the input`,
    );
  }
  const context: RenderContext = {
    version: VERSION,
    scanDate: new Date(),
    clusterName: flags.clusterName,
    targets: paths,
    verbose: flags.verbose === true,
    color: io.stdoutIsTTY,
  };
  for (const { format, file } of targets) {
    const rendered = REPORT_FORMATS[format].render(result, { ...context, color: context.color && file === undefined });
    if (file === undefined) io.stdout(typeof rendered === "string" ? rendered : Buffer.from(rendered).toString("utf8"));
    else writeFileAtomically(file, rendered);
  }
  const reasons = breaches(result, {
    complianceThreshold: flags.failThreshold ?? flags.complianceThreshold,
    severityThreshold: flags.severityThreshold,
  } satisfies Gates);
  for (const reason of reasons) io.stderr(`rampart: gate failed: ${reason}\n`);
  return reasons.length > 0 ? EXIT.gateFailed : EXIT.ok;
}
