// `rampart compile`: compiles the built-in controls into generated/ (Rego, OPA bundles,
// policy.wasm, ValidatingAdmissionPolicies, Gatekeeper ConstraintTemplates, manifest.json).
import { type Dirent, watch as fsWatch, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import type { AdmissionOptions, ValidationAction } from "../../../compiler/backends/admission.js";
import {
  DEFAULT_KUBERNETES_VERSION,
  OLDEST_KUBERNETES_VERSION,
  parseKubernetesVersion,
} from "../../../compiler/backends/cel/features.js";
import type { CompileResult } from "../../../compiler/compile.js";
import { type OutputTree, writeTree } from "../../../compiler/output.js";
import { type ControlsConfig, effectiveInputs } from "../../config/controls-config.js";
import { coversControl, isExpired, readExceptions } from "../../config/exceptions.js";
import { GENERATED_DIR } from "../../generated.js";
import { type ControlSource, controlSource, controlsConfig } from "../controls.js";
import { printDiagnostics } from "../diagnostics.js";
import { type CliIo, EXIT, splitList, UsageError } from "../io.js";

interface CompileFlags {
  readonly out?: string;
  readonly kubernetesVersion: string;
  readonly check?: boolean;
  readonly wasm: boolean;
  readonly controls?: string;
  readonly watch?: boolean;
  readonly controlsConfig?: string;
  readonly exceptions?: string;
  readonly includeNamespaces?: readonly string[];
  readonly excludeNamespaces?: readonly string[];
  readonly audit?: boolean;
  readonly auditOnly?: boolean;
}

export function registerCompile(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("compile")
    .description(
      "compile the built-in controls (and a policy project's, with --controls) to Rego, OPA bundles, policy.wasm, ValidatingAdmissionPolicies and Gatekeeper ConstraintTemplates",
    )
    .option("--controls <dir>", "also compile the controls and frameworks of this policy project (rampart init)")
    .option("--out <dir>", "output folder (default: Rampart's generated/, or generated/ in the policy project)")
    .option(
      "--kubernetes-version <version>",
      `oldest Kubernetes version the admission policies must run on (${OLDEST_KUBERNETES_VERSION} or later)`,
      DEFAULT_KUBERNETES_VERSION,
    )
    .option("--check", "compile and compare with the output folder instead of writing it; exit 1 when they differ")
    .option("--no-wasm", "skip the OPA steps (opa check, policy.wasm); for machines without OPA")
    .option("--watch", "recompile whenever a module of --controls changes (stop with Ctrl-C)")
    .option(
      "--controls-config <file>",
      "control inputs and parameters, and per control action: enforce → Deny (Gatekeeper: deny), warn → Warn (warn)",
    )
    .option(
      "--exceptions <file>",
      "objects the admission policies let through (matchConditions; in Gatekeeper templates, their Rego)",
    )
    .option(
      "--include-namespaces <list>",
      "bind the admission policies (and match the Gatekeeper constraints) to these namespaces only",
      splitList,
    )
    .option(
      "--exclude-namespaces <list>",
      "keep the admission policies (and Gatekeeper constraints) out of these namespaces",
      splitList,
    )
    .option("--audit", "also record violations in the audit log (validationActions + Audit)")
    .option("--audit-only", "only record violations in the audit log (validationActions: [Audit]; Gatekeeper: dryrun)")
    .action(async (flags: CompileFlags) => setExit(await runCompile(io, flags)));
}

/** Deployment choices for the admission policies, from the flags, controls config and exceptions. */
function admissionOptions(io: CliIo, flags: CompileFlags, config: ControlsConfig): AdmissionOptions {
  const now = new Date();
  const rules = (flags.exceptions === undefined ? [] : readExceptions(flags.exceptions)).filter((rule) => {
    if (isExpired(rule, now))
      io.stderr(`rampart: warning: ${rule.where}: exception "${rule.name}" has expired; not applied\n`);
    return !isExpired(rule, now);
  });
  return {
    validationActions: (control) => {
      if (flags.auditOnly === true) return ["Audit"];
      const configured = config.controls.get(control.id)?.action ?? control.action;
      const action: ValidationAction = configured === "warn" ? "Warn" : "Deny";
      return flags.audit === true ? [action, "Audit"] : [action];
    },
    namespaces: { include: flags.includeNamespaces, exclude: flags.excludeNamespaces },
    exemptions: (control) =>
      rules
        .filter((rule) => coversControl(rule, control))
        .map((rule) => ({ name: rule.name, objects: rule.resources })),
  };
}

type ProjectModule = typeof import("../../project.js");

/** The controls config is read again on every compile (--watch), as are the project's files. */
function compileOnce(io: CliIo, flags: CompileFlags, from: ControlSource, projects: ProjectModule): CompileResult {
  const { compileProject, findProject } = projects;
  const config = controlsConfig(flags.controlsConfig, from);
  return compileProject(from.project === undefined ? undefined : findProject(from.project.controlsDir), {
    inputs: effectiveInputs(config, from.targets.parameters),
    withOpa: flags.wasm,
    kubernetesVersion: flags.kubernetesVersion,
    admission: admissionOptions(io, flags, config),
  });
}

/** Prints the diagnostics (with the source line underlined); true when there were none. */
function report(io: CliIo, result: CompileResult): boolean {
  printDiagnostics(io, result.diagnostics);
  if (result.diagnostics.length > 0) {
    io.stderr(`rampart: ${result.diagnostics.length} problem(s); nothing was written\n`);
    return false;
  }
  for (const control of result.controls) {
    if (!control.admission.expressible) {
      io.stderr(`note: ${control.ir.metadata.id} has no admission policy: ${control.admission.reason}\n`);
    }
    if (!control.gatekeeper.exportable) {
      io.stderr(`note: ${control.ir.metadata.id} has no Gatekeeper template: ${control.gatekeeper.reason}\n`);
    }
  }
  return true;
}

function writeResult(io: CliIo, result: CompileResult, out: string): void {
  writeTree(out, result.files);
  io.stdout(
    `compiled ${result.controls.length} controls into ${path.relative(process.cwd(), out) || "."} (${result.files.size} files)\n`,
  );
}

async function runCompile(io: CliIo, flags: CompileFlags): Promise<number> {
  const version = parseKubernetesVersion(flags.kubernetesVersion);
  const oldest = parseKubernetesVersion(OLDEST_KUBERNETES_VERSION);
  if (version === undefined || oldest === undefined || version.minor < oldest.minor) {
    throw new UsageError(
      `--kubernetes-version must be ${OLDEST_KUBERNETES_VERSION} or later (e.g. 1.35), not "${flags.kubernetesVersion}"`,
    );
  }
  if (flags.watch === true && flags.controls === undefined) throw new UsageError("--watch needs --controls <dir>");
  const from = await controlSource(flags.controls);
  // The compiler loads only for this command (and for policy projects), never for the others.
  const projects = await import("../../project.js");
  const out = flags.out ?? (from.project === undefined ? GENERATED_DIR : path.join(from.project.root, "generated"));
  const result = compileOnce(io, flags, from, projects);
  const compiled = report(io, result);
  if (flags.check === true) {
    if (!compiled) return EXIT.error;
    const differences = compareTree(out, result.files);
    for (const difference of differences) io.stderr(`differs: ${difference}\n`);
    if (differences.length > 0) {
      io.stderr(`rampart: ${out} is not what the controls compile to: run \`rampart compile\` and commit the result\n`);
      return EXIT.gateFailed;
    }
    io.stdout(`${out} is up to date (${result.files.size} files)\n`);
    return EXIT.ok;
  }
  if (compiled) writeResult(io, result, out);
  if (flags.watch !== true || from.project === undefined) return compiled ? EXIT.ok : EXIT.error;
  await watch(io, from.project.controlsDir, () => {
    const next = compileOnce(io, flags, from, projects);
    if (report(io, next)) writeResult(io, next, out);
  });
  return EXIT.ok;
}

/** Runs `rebuild` after each burst of changes below `folder`, until the process is stopped. */
function watch(io: CliIo, folder: string, rebuild: () => void): Promise<void> {
  io.stderr(`watching ${path.relative(process.cwd(), folder) || "."} for changes (Ctrl-C to stop)\n`);
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const watcher = fsWatch(folder, { recursive: true }, (_event, file) => {
      if (file === null || !file.endsWith(".ts")) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        io.stderr(`change in ${file}: recompiling\n`);
        try {
          rebuild();
        } catch (error) {
          io.stderr(`rampart: ${(error as Error).message}\n`);
        }
      }, 150);
    });
    io.signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      watcher.close();
      resolve();
    });
  });
}

/** Files that differ between the folder and the tree (missing, extra or changed). */
function compareTree(folder: string, files: OutputTree): string[] {
  const existing = new Set(listFiles(folder));
  const differences: string[] = [];
  for (const [file, content] of files) {
    if (!existing.has(file)) differences.push(`${file} (missing)`);
    else if (!Buffer.from(content).equals(readFileSync(path.join(folder, file)))) differences.push(file);
    existing.delete(file);
  }
  for (const extra of existing) differences.push(`${extra} (not produced by the compiler)`);
  return differences.sort();
}

function listFiles(folder: string, prefix = ""): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(folder, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? listFiles(folder, relative) : [relative];
  });
}
