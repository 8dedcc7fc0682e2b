// The default human report: a table per framework (or one for the selected controls), the
// coverage, the overall score; with --verbose, the failing objects of each control.

import { DOCUMENTED_DEFAULTS, violationPatch } from "../fix/plan.js";
import type { ControlResult, ScanResult, Scores } from "../scan.js";
import type { Severity } from "../score.js";
import { sourceLabel } from "./findings.js";
import { bySeverity, exceptionStatus, fixText, objectLabel, percent, scoreLine, skippedInputText } from "./summary.js";
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

function details(controls: readonly ControlResult[]): string[] {
  const lines: string[] = [];
  for (const result of controls) {
    if (result.status === "skipped") {
      lines.push(`${result.control.id} ${result.control.name}: skipped (${result.control.skipReason})`);
      continue;
    }
    // Failures, errors and failures accepted by an exception (shown with the justification).
    const failing = result.resources.filter((resource) => resource.status !== "passed");
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
        if (resource.error !== undefined) lines.push(`      error: ${resource.error}`);
        if (resource.exception !== undefined) {
          lines.push(`      accepted by exception "${resource.exception.name}": ${resource.exception.justification}`);
        }
        for (const violation of resource.violations) {
          lines.push(`      - ${violation.message}`);
          for (const path of violation.paths) lines.push(`        at ${path}`);
          for (const fix of violation.fixes) lines.push(`        fix: ${fixText(fix)}`);
          const patch = violationPatch(object, violation, DOCUMENTED_DEFAULTS);
          if (patch !== undefined && patch.length > 0) lines.push(`        patch: ${JSON.stringify(patch)}`);
        }
      }
    }
    if (result.control.control !== undefined) lines.push(`  remediation: ${result.control.control.remediation}`);
  }
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
