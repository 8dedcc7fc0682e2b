// `rampart compile`: compiles the built-in controls into generated/ (Rego, OPA bundles,
// policy.wasm, ValidatingAdmissionPolicies, manifest.json).
import { type Dirent, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import {
  DEFAULT_KUBERNETES_VERSION,
  OLDEST_KUBERNETES_VERSION,
  parseKubernetesVersion,
} from "../../../compiler/backends/cel/features.js";
import type { AdmissionOptions, ValidationAction } from "../../../compiler/backends/cel/vap.js";
import { compile } from "../../../compiler/compile.js";
import { formatDiagnostic } from "../../../compiler/diagnostics.js";
import { type OutputTree, writeTree } from "../../../compiler/output.js";
import { PROJECT_ROOT } from "../../../compiler/tools.js";
import { BUILTIN_FRAMEWORKS } from "../../../frameworks/index.js";
import {
  type ControlsConfig,
  EMPTY_CONTROLS_CONFIG,
  effectiveInputs,
  readControlsConfig,
} from "../../config/controls-config.js";
import { coversControl, isExpired, readExceptions } from "../../config/exceptions.js";
import { GENERATED_DIR } from "../../generated.js";
import { builtinLibrary, type ControlLibrary } from "../../selection.js";
import { type CliIo, EXIT, splitList, UsageError } from "../io.js";

interface CompileFlags {
  readonly out: string;
  readonly kubernetesVersion: string;
  readonly check?: boolean;
  readonly wasm: boolean;
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
    .description("compile the built-in controls to Rego, OPA bundles, policy.wasm and ValidatingAdmissionPolicies")
    .option("--out <dir>", "output folder", GENERATED_DIR)
    .option(
      "--kubernetes-version <version>",
      `oldest Kubernetes version the admission policies must run on (${OLDEST_KUBERNETES_VERSION} or later)`,
      DEFAULT_KUBERNETES_VERSION,
    )
    .option("--check", "compile and compare with the output folder instead of writing it; exit 1 when they differ")
    .option("--no-wasm", "skip the OPA steps (opa check, policy.wasm); for machines without OPA")
    .option("--controls-config <file>", "control inputs, and per control action: enforce → Deny, warn → Warn")
    .option("--exceptions <file>", "objects the admission policies let through (matchConditions)")
    .option("--include-namespaces <list>", "bind the admission policies to these namespaces only", splitList)
    .option("--exclude-namespaces <list>", "keep the admission policies out of these namespaces", splitList)
    .option("--audit", "also record violations in the audit log (validationActions + Audit)")
    .option("--audit-only", "only record violations in the audit log (validationActions: [Audit])")
    .action((flags: CompileFlags) => setExit(runCompile(io, flags)));
}

/** Deployment choices for the admission policies, from the flags, controls config and exceptions. */
function admissionOptions(
  io: CliIo,
  flags: CompileFlags,
  config: ControlsConfig,
  library: ControlLibrary,
): AdmissionOptions {
  const now = new Date();
  const rules = (flags.exceptions === undefined ? [] : readExceptions(flags.exceptions)).filter((rule) => {
    if (isExpired(rule, now))
      io.stderr(`rampart: warning: ${rule.where}: exception "${rule.name}" has expired; not applied\n`);
    return !isExpired(rule, now);
  });
  const memberOf = (id: string) =>
    [...library.frameworks.values()]
      .filter((framework) => framework.controlIds.includes(id))
      .flatMap((f) => [f.name, f.title]);
  return {
    validationActions: (id) => {
      if (flags.auditOnly === true) return ["Audit"];
      const action: ValidationAction = config.controls.get(id)?.action === "warn" ? "Warn" : "Deny";
      return flags.audit === true ? [action, "Audit"] : [action];
    },
    namespaces: { include: flags.includeNamespaces, exclude: flags.excludeNamespaces },
    exemptions: (id) => {
      const control = { id, name: library.controls.get(id)?.name ?? id, frameworks: memberOf(id) };
      return rules
        .filter((rule) => coversControl(rule, control))
        .map((rule) => ({ name: rule.name, objects: rule.resources }));
    },
  };
}

function builtinControlFiles(): string[] {
  const folder = path.join(PROJECT_ROOT, "frameworks", "controls");
  return readdirSync(folder)
    .filter((file) => /^C-\d+.*\.ts$/.test(file))
    .sort()
    .map((file) => path.join(folder, file));
}

function runCompile(io: CliIo, flags: CompileFlags): number {
  const version = parseKubernetesVersion(flags.kubernetesVersion);
  const oldest = parseKubernetesVersion(OLDEST_KUBERNETES_VERSION);
  if (version === undefined || oldest === undefined || version.minor < oldest.minor) {
    throw new UsageError(
      `--kubernetes-version must be ${OLDEST_KUBERNETES_VERSION} or later (e.g. 1.35), not "${flags.kubernetesVersion}"`,
    );
  }
  const library = builtinLibrary();
  const config =
    flags.controlsConfig === undefined
      ? EMPTY_CONTROLS_CONFIG
      : readControlsConfig(flags.controlsConfig, new Set(library.controls.keys()));
  const result = compile({
    controlFiles: builtinControlFiles(),
    frameworks: BUILTIN_FRAMEWORKS,
    tsconfig: path.join(PROJECT_ROOT, "tsconfig.json"),
    root: PROJECT_ROOT,
    kubernetesVersion: version,
    controlInputs: effectiveInputs(config),
    withOpa: flags.wasm,
    admission: admissionOptions(io, flags, config, library),
  });
  for (const diagnostic of result.diagnostics) {
    io.stderr(`${formatDiagnostic(diagnostic, readFileSync(diagnostic.file, "utf8"), process.cwd())}\n`);
  }
  if (result.diagnostics.length > 0) {
    io.stderr(`rampart: ${result.diagnostics.length} problem(s); nothing was written\n`);
    return EXIT.error;
  }
  for (const control of result.controls) {
    if (!control.admission.expressible)
      io.stderr(`note: ${control.ir.metadata.id} has no admission policy: ${control.admission.reason}\n`);
  }
  if (flags.check === true) {
    const differences = compareTree(flags.out, result.files);
    for (const difference of differences) io.stderr(`differs: ${difference}\n`);
    if (differences.length > 0) {
      io.stderr(
        `rampart: ${flags.out} is not what the controls compile to: run \`rampart compile\` and commit the result\n`,
      );
      return EXIT.gateFailed;
    }
    io.stdout(`${flags.out} is up to date (${result.files.size} files)\n`);
    return EXIT.ok;
  }
  writeTree(flags.out, result.files);
  io.stdout(
    `compiled ${result.controls.length} controls into ${path.relative(process.cwd(), flags.out) || "."} (${result.files.size} files)\n`,
  );
  return EXIT.ok;
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
