// The default human report: a table per framework (or one for the selected controls), the
// coverage, the overall score; with --verbose, the failing objects of each control.

import { DOCUMENTED_DEFAULTS, violationPatch } from "../fix/plan.js";
import type { ControlResult, ResourceResult, ScanResult, Scores } from "../scan.js";
import type { Severity } from "../score.js";
import { sourceLabel } from "./findings.js";
import { type FailureLocations, failureLocations } from "./locations.js";
import {
  bySeverity,
  exceptionStatus,
  fixText,
  namespacedLabel,
  objectLabel,
  percent,
  scoreLine,
  skippedInputText,
} from "./summary.js";
import { table } from "./table.js";

export interface PrettyOptions {
  readonly verbose: boolean;
  /** ANSI colours (only when writing to a terminal). */
  readonly color: boolean;
}

const SEVERITY_COLOR: Record<Severity, string> = { Critical: "35", High: "31", Medium: "33", Low: "36" };

function paint(text: string, code: string, options: PrettyOptions): string {
  return options.color ? `\u001b[${code}m${text}\u001b[0m` : text;
}

function controlsTable(controls: readonly ControlResult[], options: PrettyOptions): string {
  const ordered = bySeverity(controls);
  // The column of accepted failures only appears when an exception was applied.
  const withExceptions = controls.some((result) => result.counts.excepted > 0);
  const rows = ordered.map((result) => {
    const skipped = result.status === "skipped";
    return [
      paint(result.severity, SEVERITY_COLOR[result.severity], options),
      `${result.control.id} ${result.control.name}${result.action === "warn" ? " (warn)" : ""}`,
      skipped ? "-" : String(result.counts.failed),
      ...(withExceptions ? [skipped ? "-" : String(result.counts.excepted)] : []),
      skipped ? "-" : String(result.counts.all),
      skipped ? "skipped" : percent(result.complianceScore),
    ];
  });
  const headers = [
    "Severity",
    "Control",
    "Failed resources",
    ...(withExceptions ? ["With exceptions"] : []),
    "All resources",
    "Compliance score",
  ];
  return table(headers, rows, ["left", "left", ...headers.slice(2).map(() => "right" as const)]);
}

/** A resource's lines in the details: error, accepted exception, then each violation with its paths and fixes. */
function resourceLines(resource: ResourceResult, indent: string): string[] {
  const lines: string[] = [];
  if (resource.error !== undefined) lines.push(`${indent}error: ${resource.error}`);
  if (resource.exception !== undefined) {
    lines.push(`${indent}accepted by exception "${resource.exception.name}": ${resource.exception.justification}`);
  }
  for (const violation of resource.violations) {
    lines.push(`${indent}- ${violation.message}`);
    for (const path of violation.paths) lines.push(`${indent}  at ${path}`);
    for (const fix of violation.fixes) lines.push(`${indent}  fix: ${fixText(fix)}`);
    const patch = violationPatch(resource.object, violation, DOCUMENTED_DEFAULTS);
    if (patch !== undefined && patch.length > 0) lines.push(`${indent}  patch: ${JSON.stringify(patch)}`);
  }
  return lines;
}

/** Failures, errors and failures accepted by an exception (shown with the justification). */
function reported(result: ControlResult): ResourceResult[] {
  return result.resources.filter((resource) => resource.status !== "passed");
}

/** Each control's failing objects, by namespace (RBAC controls: see subjectDetails). */
function details(controls: readonly ControlResult[]): string[] {
  const lines: string[] = [];
  for (const result of controls) {
    if (result.status === "skipped") {
      lines.push(`${result.control.id} ${result.control.name}: skipped (${result.statusReason ?? "not evaluated"})`);
      continue;
    }
    if (result.statusReason !== undefined)
      lines.push(`${result.control.id} ${result.control.name}: ${result.statusReason}`);
    const failing = reported(result).filter((resource) => resource.object.grantedBy === undefined);
    if (failing.length === 0) continue;
    lines.push(`${result.control.id} ${result.control.name} [${result.severity}]`);
    const byNamespace = new Map<string, typeof failing>();
    for (const resource of failing) {
      const namespace = resource.object.namespace ?? "(no namespace)";
      byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), resource]);
    }
    for (const [namespace, resources] of [...byNamespace].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(`  namespace ${namespace}`);
      for (const resource of resources) {
        const { object } = resource;
        lines.push(`    ${objectLabel(object)} (${sourceLabel(object)})`);
        lines.push(...resourceLines(resource, "      "));
      }
    }
    if (result.control.control !== undefined) lines.push(`  remediation: ${result.control.control.remediation}`);
  }
  return lines;
}

/**
 * The findings of RBAC controls, one block per identity (`Group devs`, `ServiceAccount shop/web`):
 * everything risky it can do, control by control, each through the binding and role the
 * message names (at the line of the subject's entry in the binding); then each control's
 * remediation once.
 */
function subjectDetails(controls: readonly ControlResult[], locations: FailureLocations): string[] {
  const byIdentity = new Map<string, Array<{ result: ControlResult; resource: ResourceResult }>>();
  for (const result of bySeverity(controls)) {
    for (const resource of reported(result)) {
      if (resource.object.grantedBy === undefined) continue;
      const identity = namespacedLabel(resource.object);
      byIdentity.set(identity, [...(byIdentity.get(identity) ?? []), { result, resource }]);
    }
  }
  if (byIdentity.size === 0) return [];
  const lines: string[] = [];
  const remediations = new Map<string, string>();
  for (const [identity, findings] of [...byIdentity].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(identity);
    let control = "";
    for (const { result, resource } of findings) {
      if (result.control.id !== control) {
        control = result.control.id;
        lines.push(`  ${result.control.id} ${result.control.name} [${result.severity}]`);
      }
      const where = locations.at(resource.object, resource.object.grantedBy?.path);
      if (resource.error !== undefined) lines.push(`    error: ${resource.error}`);
      if (resource.exception !== undefined) {
        lines.push(`    accepted by exception "${resource.exception.name}": ${resource.exception.justification}`);
      }
      for (const violation of resource.violations) lines.push(`    - ${violation.message}`);
      lines.push(`      at ${where.file}:${where.line} (${resource.object.grantedBy?.path ?? ""})`);
      const remediation = result.control.control?.remediation;
      if (remediation !== undefined) remediations.set(`${result.control.id} ${result.control.name}`, remediation);
    }
  }
  lines.push("remediation:");
  for (const [control, remediation] of remediations) lines.push(`  ${control}: ${remediation}`);
  return lines;
}

export function prettyReport(result: ScanResult, options: PrettyOptions): string {
  const sections: string[] = [];
  const groups =
    result.frameworks.length > 0
      ? result.frameworks.map((framework) => ({
          title: `Framework ${framework.framework.title}`,
          controls: framework.controls,
          scores: framework as Scores,
        }))
      : [{ title: "Controls", controls: result.controls, scores: result as Scores }];
  for (const group of groups) {
    sections.push(`${group.title}\n${controlsTable(group.controls, options)}\n${scoreLine(group.title, group.scores)}`);
  }
  if (options.verbose) {
    const lines = details(result.controls);
    if (lines.length > 0) sections.push(`Details\n${lines.join("\n")}`);
    const subjects = subjectDetails(result.controls, failureLocations(result));
    if (subjects.length > 0)
      sections.push(`RBAC subjects: what each identity can do, and through which binding\n${subjects.join("\n")}`);
  }
  // Every exception: where it is written, what became of it, and why it was granted.
  const exceptionNotes = result.exceptions.map(
    (use) =>
      `  ${use.rule.where}: exception "${use.rule.name}": ${exceptionStatus(use)}${use.rule.justification === "" ? "" : `; justification: ${use.rule.justification}`}`,
  );
  if (exceptionNotes.length > 0) sections.push(`Exceptions (${exceptionNotes.length})\n${exceptionNotes.join("\n")}`);
  if (result.skippedInputs.length > 0) {
    const skipped = result.skippedInputs.map((entry) => `  ${skippedInputText(entry)}`);
    sections.push(`Skipped input (${result.skippedInputs.length})\n${skipped.join("\n")}`);
  }
  const scanned = result.objects.length;
  sections.push(`Scanned ${scanned} object${scanned === 1 ? "" : "s"}. ${scoreLine("Overall", result)}`);
  return `${sections.join("\n\n")}\n`;
}
