// `rampart fix [paths…]`: applies the fixes of failing controls to manifest files in place (or
// prints the diff, or the `kubectl patch` commands for the objects in a cluster), then scans the
// edited files again to prove the fixed controls pass.
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { effectiveInputs } from "../../config/controls-config.js";
import { type ExceptionRule, readExceptions } from "../../config/exceptions.js";
import {
  editFile,
  FileChangedError,
  type FileEdit,
  uneditableReason,
  unifiedDiff,
  writeEdit,
} from "../../fix/files.js";
import { kubectlPatchCommand } from "../../fix/kubectl.js";
import { type ObjectFix, planFixes } from "../../fix/plan.js";
import { loadInputs } from "../../input/load.js";
import { isFailing, type ScanResult, scan } from "../../scan.js";
import { type ControlLibrary, type Selection, selectControls, selectFrameworks } from "../../selection.js";
import { controlsConfig } from "../controls.js";
import { type CliIo, EXIT, splitList, UsageError } from "../io.js";
import { controlsFor, objectFilter } from "./scan.js";

interface FixFlags {
  /** Control IDs (comma-separated). */
  readonly controls?: string;
  readonly framework?: string;
  /** A policy project (rampart init) whose controls join the built-in ones. */
  readonly project?: string;
  readonly controlsConfig?: string;
  readonly exceptions?: string;
  readonly includeNamespaces?: readonly string[];
  readonly excludeNamespaces?: readonly string[];
  readonly dryRun?: boolean;
  readonly kubectl?: boolean;
  readonly defaults?: boolean;
}

const HELP = `
Each failing control's fixes (the paths and values its findings name) are written into the
files, in place: comments, key order, quoting, indentation and the other documents stay as they
were, byte for byte outside the edited fields. A file is written in full or not at all, and not
when it changed since it was read. Helm output, standard input, templates and generated files are
reported, not touched. After writing, the files are scanned again: a fixed control must pass.

A fix whose value only you know (a CPU limit, a user ID) is applied with the value set under
fixValues in --controls-config (fixValues: {runAsUser: 1000, limits: {cpu: 500m}}), or with the
control's documented default when --defaults is given; otherwise the finding is listed as
needing a choice.

Exit codes: 0 every failing finding was fixed (or, with --dry-run / --kubectl, would be);
1 some remain (no fix known, a choice to make, a file that cannot be edited); 2 an error.

Examples:
  rampart fix manifests/ --dry-run
  rampart fix deploy.yaml --controls C-0016,C-0017
  rampart fix manifests/ --controls-config controls.yaml --defaults
  rampart fix cluster.json --kubectl       # kubectl patch commands for the objects as scanned`;

function selectionOf(flags: FixFlags): (library: ControlLibrary) => Selection {
  if (flags.controls !== undefined && flags.framework !== undefined)
    throw new UsageError("--controls and --framework choose the controls two ways: give one of them");
  if (flags.controls !== undefined) {
    const ids = splitList(flags.controls);
    return (library) => selectControls(library, ids);
  }
  const names = flags.framework === undefined ? undefined : splitList(flags.framework);
  return (library) => selectFrameworks(library, names ?? [...library.frameworks.keys()]);
}

/** The fixed controls that still fail after the edit, per object: there should be none. */
function stillFailing(rescanned: ScanResult, edits: readonly FileEdit[]): string[] {
  const fixedControls = new Map<string, ReadonlySet<string>>();
  for (const edit of edits)
    for (const fix of edit.applied)
      fixedControls.set(
        `${fix.object.source.file}#${fix.object.source.documentIndex}#${fix.object.source.itemIndex ?? ""}`,
        new Set(fix.controls),
      );
  const problems: string[] = [];
  for (const control of rescanned.controls) {
    for (const resource of control.resources) {
      const { source } = resource.object;
      const fixed = fixedControls.get(`${source.file}#${source.documentIndex}#${source.itemIndex ?? ""}`);
      if (fixed?.has(control.control.id) === true && isFailing(resource))
        problems.push(
          `${source.file}:${source.line}: ${resource.object.kind}/${resource.object.name} still fails ${control.control.id}`,
        );
    }
  }
  return problems;
}

async function runFix(io: CliIo, paths: readonly string[], flags: FixFlags): Promise<number> {
  if (paths.length === 0) throw new UsageError("nothing to fix: give files, folders or globs (or - with --kubectl)");
  if (paths.includes("-") && flags.kubectl !== true && flags.dryRun !== true)
    throw new UsageError("standard input cannot be fixed in place: use --kubectl or --dry-run");
  const controls = await controlsFor(io, { controls: flags.project });
  const selection = selectionOf(flags)(controls.source.library);
  const config = controlsConfig(flags.controlsConfig, controls.source);
  const exceptions: ExceptionRule[] = flags.exceptions === undefined ? [] : readExceptions(flags.exceptions);
  const scanOnce = () => {
    const { engine, inventoryKinds } = controls.engine(selection);
    return scan({
      loaded: loadInputs(paths, { stdin: io.stdin }),
      selection,
      inputs: effectiveInputs(config, controls.source.targets.parameters),
      engine,
      inventoryKinds,
      scanObject: objectFilter(flags),
      exceptions,
      controlSettings: config.controls,
    });
  };
  const plans = planFixes(await scanOnce(), { fixValues: config.fixValues, defaults: flags.defaults === true });
  let remaining = 0;
  for (const plan of plans) {
    for (const finding of plan.unfixed) {
      remaining += 1;
      const { source } = plan.object;
      io.stderr(
        `rampart: ${source.file}:${source.line}: ${plan.object.kind}/${plan.object.name}: ${finding.control}: ${finding.message}: ${finding.reason}\n`,
      );
    }
  }
  const fixable = plans.filter((plan) => plan.patch.length > 0);
  if (flags.kubectl === true) {
    for (const plan of fixable) io.stdout(`${kubectlPatchCommand(plan)}\n`);
    return remaining > 0 ? EXIT.gateFailed : EXIT.ok;
  }
  const byFile = new Map<string, ObjectFix[]>();
  for (const plan of fixable)
    byFile.set(plan.object.source.file, [...(byFile.get(plan.object.source.file) ?? []), plan]);
  const edits: FileEdit[] = [];
  for (const [file, fixes] of byFile) {
    let text: string | undefined;
    try {
      text = file === "<stdin>" ? undefined : readFileSync(file, "utf8");
    } catch {
      text = undefined;
    }
    const reason = uneditableReason(file, text, fixes);
    if (reason !== undefined || text === undefined) {
      remaining += fixes.length;
      io.stderr(`rampart: ${file}: not edited: ${reason ?? "cannot be read again"}\n`);
      continue;
    }
    const edit = editFile(file, text, fixes);
    for (const skipped of edit.skipped) {
      remaining += 1;
      const { object } = skipped.fix;
      io.stderr(`rampart: ${file}:${object.source.line}: ${object.kind}/${object.name}: ${skipped.reason}\n`);
    }
    if (edit.after !== edit.before) edits.push(edit);
  }
  if (flags.dryRun === true) {
    for (const edit of edits) io.stdout(unifiedDiff(edit));
  } else {
    for (const edit of edits) {
      try {
        writeEdit(edit);
      } catch (error) {
        if (!(error instanceof FileChangedError)) throw error;
        remaining += edit.applied.length;
        io.stderr(`rampart: ${error.message}\n`);
      }
    }
    const problems = stillFailing(await scanOnce(), edits);
    for (const problem of problems) io.stderr(`rampart: warning: ${problem} after its fix\n`);
    remaining += problems.length;
  }
  const fixedObjects = edits.reduce((sum, edit) => sum + edit.applied.length, 0);
  io.stderr(
    `rampart: ${flags.dryRun === true ? "would fix" : "fixed"} ${fixedObjects} object(s) in ${edits.length} file(s); ${remaining} finding(s) left to fix by hand\n`,
  );
  return remaining > 0 ? EXIT.gateFailed : EXIT.ok;
}

export function registerFix(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("fix")
    .description("apply the fixes of failing controls to manifest files (or print the diff, or kubectl patch commands)")
    .argument("[paths...]", "manifest files, folders or globs (- for standard input, with --kubectl or --dry-run)")
    .option("--framework <names>", "fix the controls of these frameworks (comma-separated; default: every framework)")
    .option("--controls <ids>", "fix only these controls (comma-separated IDs, e.g. C-0016,C-0017)")
    .option("--dry-run", "print a unified diff of what would change; write nothing")
    .option("--kubectl", "print a kubectl patch command (RFC 6902 JSON patch) per object instead of editing files")
    .option("--defaults", "where a fix needs a value only you know, use the control's documented default")
    .option("--controls-config <file>", "control inputs, and fixValues: the values chosen for fixes that need one")
    .option("--exceptions <file>", "accepted failures: not fixed")
    .option("--include-namespaces <list>", "fix only objects of these namespaces (comma-separated)", splitList)
    .option("--exclude-namespaces <list>", "leave objects of these namespaces alone (comma-separated)", splitList)
    .option("--project <dir>", "also use the controls of this policy project (rampart init)")
    .addHelpText("after", HELP)
    .action(async (paths: string[], flags: FixFlags) => {
      setExit(await runFix(io, paths, flags));
    });
}
