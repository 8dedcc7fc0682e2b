// `rampart admit [paths…|-]`: what a cluster running Rampart's admission policies would do with
// each object — admitted, denied (with the message), warned or audited.

import path from "node:path";
import { type Command, Option } from "commander";
import { SCAN_ONLY_KINDS } from "../../../dsl/index.js";
import { withApiDefaults } from "../../admission/api-defaults.js";
import { dryRun, loadPolicyFolder, type ObjectAdmission } from "../../admission/dry-run.js";
import { GENERATED_DIR } from "../../generated.js";
import { loadInputs } from "../../input/load.js";
import { namespacedLabel, skippedInputText } from "../../report/summary.js";
import { type ControlSource, controlSource, controlsConfig } from "../controls.js";
import { type CliIo, EXIT, splitList, UsageError, writeFileAtomically } from "../io.js";

interface AdmitFlags {
  readonly policies?: string;
  readonly controls?: string;
  readonly ids?: string;
  readonly controlsConfig?: string;
  readonly format: "pretty" | "json";
  readonly output?: string;
  /** false with --no-api-defaults. */
  readonly apiDefaults: boolean;
}

export function registerAdmit(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command("admit [paths...]")
    .description(
      "dry-run the admission policies on manifests: prints what a cluster would admit, deny, warn or audit (exit 1 when anything is denied). Objects are reviewed as the API server hands them to admission: with its pod defaults applied first (a Pod with hostNetwork: true gets hostPort = containerPort on every port, the pull policy, restart policy and the like are filled in)",
    )
    .option(
      "--policies <dir>",
      "folder of ValidatingAdmissionPolicies made by rampart compile (default: the built-in ones)",
    )
    .option("--controls <dir>", "the built-in policies and those of this policy project (rampart init)")
    .option("--ids <ids>", "only the policies of these controls (comma-separated IDs)")
    .option(
      "--controls-config <file>",
      "control inputs and parameters to review with (they replace those of the ControlInputs object)",
    )
    .addOption(new Option("-f, --format <format>", "output format").choices(["pretty", "json"]).default("pretty"))
    .option("-o, --output <file>", "write the result to this file instead of standard output")
    .option("--no-api-defaults", "review the objects as written, without the API server's pod defaults")
    .action(async (paths: string[], flags: AdmitFlags) => setExit(await runAdmit(io, paths, flags)));
}

function objectName(object: Record<string, unknown>): string {
  const metadata = (object.metadata ?? {}) as { name?: string; namespace?: string; generateName?: string };
  return namespacedLabel({
    kind: String(object.kind),
    namespace: metadata.namespace,
    name: metadata.name ?? metadata.generateName ?? "",
  });
}

function pretty(admissions: readonly ObjectAdmission[], policyCount: number): string {
  const lines = admissions.map((admission) => {
    const head = `${admission.verdict.toUpperCase().padEnd(8)} ${objectName(admission.object)}`;
    const details = admission.outcomes.map(
      (outcome) => `  ${outcome.result.decision}: ${outcome.result.message ?? outcome.result.error ?? outcome.policy}`,
    );
    return [head, ...details].join("\n");
  });
  const count = (verdict: string) => admissions.filter((admission) => admission.verdict === verdict).length;
  const summary = `${count("denied")} denied, ${count("warned")} warned, ${count("audited")} audited, ${count("admitted")} admitted (${admissions.length} objects, ${policyCount} policies)`;
  return `${[...lines, "", summary].join("\n")}\n`;
}

function json(admissions: readonly ObjectAdmission[]): string {
  const document = admissions.map((admission) => ({
    kind: admission.object.kind,
    name: (admission.object.metadata as { name?: string } | undefined)?.name ?? null,
    namespace: (admission.object.metadata as { namespace?: string } | undefined)?.namespace ?? null,
    verdict: admission.verdict,
    policies: admission.outcomes.map((outcome) => ({
      policy: outcome.policy,
      controlID: outcome.controlId ?? null,
      decision: outcome.result.decision,
      message: outcome.result.message ?? null,
      error: outcome.result.error ?? null,
    })),
  }));
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The folder of policies to use: given, compiled from a project, or the built-in ones. */
function policyFolder(flags: AdmitFlags, source: ControlSource): string {
  if (flags.policies !== undefined) return flags.policies;
  return path.join(source.compiled ?? GENERATED_DIR, "vap");
}

async function runAdmit(io: CliIo, paths: readonly string[], flags: AdmitFlags): Promise<number> {
  if (paths.length === 0)
    throw new UsageError("nothing to review: give files, folders, globs, or - to read standard input");
  const ids = flags.ids === undefined ? undefined : new Set(splitList(flags.ids));
  const source = await controlSource(flags.controls, flags.policies === undefined ? { withOpa: false } : undefined);
  const folder = policyFolder(flags, source);
  // The control inputs and parameters a --controls-config sets (checked against the controls).
  const policies = loadPolicyFolder(folder, ids, controlsConfig(flags.controlsConfig, source).inputs);
  if (policies.length === 0) throw new UsageError(`no policy in ${folder} (run rampart compile)`);
  const loaded = loadInputs(paths, { stdin: io.stdin });
  for (const skipped of loaded.skipped) io.stderr(`rampart: warning: ${skippedInputText(skipped)}\n`);
  // Node facts and cloud cluster descriptions never reach an API server: admission has no say on them.
  const objects = loaded.objects
    .map((entry) => entry.object)
    .filter((object) => !SCAN_ONLY_KINDS.has(String(object.kind)));
  const notReviewed = loaded.objects.length - objects.length;
  if (notReviewed > 0)
    io.stderr(
      `rampart: note: ${notReviewed} object(s) of kinds no API server serves (node facts, cluster descriptions) are for scans only; not reviewed\n`,
    );
  // Decisions and messages only: the policies' variables are not printed.
  const admissions = dryRun(flags.apiDefaults ? objects.map(withApiDefaults) : objects, policies, { variables: false });
  const text = flags.format === "json" ? json(admissions) : pretty(admissions, policies.length);
  if (flags.output !== undefined) writeFileAtomically(flags.output, text);
  else io.stdout(text);
  return admissions.some((admission) => admission.verdict === "denied") ? EXIT.gateFailed : EXIT.ok;
}
