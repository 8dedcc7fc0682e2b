// `rampart scan framework <names> [paths…]` and `rampart scan control <IDs> [paths…]`.
import { type Command, Option } from "commander";
import { DEFAULT_CONTROL_INPUTS } from "../../../frameworks/catalog/index.js";
import { builtinEngine } from "../../generated.js";
import { loadInputs } from "../../input/load.js";
import { jsonReport } from "../../report/json.js";
import { prettyReport } from "../../report/pretty.js";
import { scan } from "../../scan.js";
import { builtinLibrary, type Selection, selectControls, selectFrameworks } from "../../selection.js";
import { VERSION } from "../../version.js";
import { type CliIo, EXIT, splitList, UsageError, writeFileAtomically } from "../io.js";

const FORMATS = ["pretty-printer", "json"] as const;
type Format = (typeof FORMATS)[number];

interface ScanFlags {
  readonly format: Format;
  readonly output?: string;
  readonly verbose?: boolean;
  readonly clusterName?: string;
}

function addScanOptions(command: Command): Command {
  return command
    .addOption(new Option("-f, --format <format>", "report format").choices(FORMATS).default("pretty-printer"))
    .option("-o, --output <file>", "write the report to this file instead of standard output")
    .option("-v, --verbose", "list the failing objects of each control, with paths and remediation")
    .option("--cluster-name <name>", "name recorded as clusterName in the report", "");
}

export function registerScan(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const scanCommand = program
    .command("scan")
    .description("scan Kubernetes manifests (files, folders, globs, - for stdin) and report a compliance score");
  addScanOptions(
    scanCommand
      .command("framework <names> [paths...]")
      .description(
        "scan with the controls of one or more frameworks (comma-separated): nsa, mitre, cis-v1.23-t1.0.1, devopsbest",
      ),
  ).action((names: string, paths: string[], flags: ScanFlags) => {
    setExit(runScan(io, paths, flags, () => selectFrameworks(builtinLibrary(), splitList(names))));
  });
  addScanOptions(
    scanCommand
      .command("control <ids> [paths...]")
      .description("scan with specific controls (comma-separated IDs, e.g. C-0016,C-0057)"),
  ).action((ids: string, paths: string[], flags: ScanFlags) => {
    setExit(runScan(io, paths, flags, () => selectControls(builtinLibrary(), splitList(ids))));
  });
}

function runScan(io: CliIo, paths: readonly string[], flags: ScanFlags, select: () => Selection): number {
  if (paths.length === 0)
    throw new UsageError("nothing to scan: give files, folders, globs, or - to read standard input");
  const selection = select();
  const { engine, inventoryKinds } = builtinEngine(selection);
  const loaded = loadInputs(paths, { stdin: io.stdin });
  const progress = io.stderrIsTTY && loaded.objects.length > 1000;
  const result = scan({
    loaded,
    selection,
    inputs: DEFAULT_CONTROL_INPUTS,
    engine,
    inventoryKinds,
    onProgress: progress ? (done, total) => io.stderr(`\rscanning: ${done}/${total} objects`) : undefined,
  });
  if (progress) io.stderr("\n");
  for (const skipped of loaded.skipped) {
    io.stderr(
      `rampart: warning: ${skipped.file}${skipped.line === undefined ? "" : `:${skipped.line}`}: ${skipped.reason}\n`,
    );
  }
  const text =
    flags.format === "json"
      ? `${JSON.stringify(
          jsonReport(result, {
            version: VERSION,
            scanDate: new Date(),
            clusterName: flags.clusterName ?? "",
            targets: paths,
          }),
          null,
          2,
        )}\n`
      : prettyReport(result, { verbose: flags.verbose === true, color: io.stdoutIsTTY && flags.output === undefined });
  if (flags.output !== undefined) writeFileAtomically(flags.output, text);
  else io.stdout(text);
  return EXIT.ok;
}
