// `rampart scan --baseline report.json`: in CI without a server, fail only on what is new. The
// earlier JSON report is the baseline; a finding (an object failing a control) it already holds
// does not breach the gate, one it does not hold does. `warn` controls never breach a gate; with
// --severity-threshold only new findings of that severity or above do; --fail-threshold still
// judges the whole score.
import { readFileSync } from "node:fs";
import { ConfigError } from "../config/source-errors.js";
import { breaches, type Gates } from "../gates.js";
import type { JsonReport } from "../report/json.js";
import type { ScanResult } from "../scan.js";
import { SEVERITY_ORDER } from "../score.js";
import { findingLine } from "./diff-text.js";
import { diffFindings, type Finding, type FindingsSource } from "./findings.js";

export interface ReportFile extends FindingsSource {
  readonly scanDate?: string;
  readonly summaryDetails?: { readonly score?: number | null };
}

/** A JSON report file (Rampart's v1 report), or a ConfigError naming the file. */
export function readReportFile(file: string): ReportFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`cannot read the report ${file}: ${(error as Error).message}`);
  }
  const results = (parsed as { results?: unknown } | null)?.results;
  if (
    !Array.isArray(results) ||
    results.some((entry) => typeof entry !== "object" || entry === null || !Array.isArray(entry.resources))
  ) {
    throw new ConfigError(
      `${file} is not a Rampart JSON report (rampart scan --format json: its results[] list each control's resources)`,
    );
  }
  return parsed as ReportFile;
}

export interface BaselineOutcome {
  /** Why the scan breaches the gates (empty: it passes). */
  readonly reasons: readonly string[];
  /** The new findings that breach the gate, most severe first. */
  readonly breaching: readonly Finding[];
}

export function baselineBreaches(
  result: ScanResult,
  report: JsonReport,
  baseline: ReportFile,
  baselineFile: string,
  gates: Gates,
): BaselineOutcome {
  const threshold = gates.severityThreshold;
  const severities =
    threshold === undefined ? SEVERITY_ORDER : SEVERITY_ORDER.slice(0, SEVERITY_ORDER.indexOf(threshold) + 1);
  const breaching = diffFindings(baseline, report).new.filter(
    (finding) => finding.action === "enforce" && (severities as readonly string[]).includes(finding.severity),
  );
  const reasons = [
    ...breaches(result, { complianceThreshold: gates.complianceThreshold }),
    ...(breaching.length === 0
      ? []
      : [
          `${breaching.length} finding(s)${threshold === undefined ? "" : ` of severity ${threshold} or above`} not in the baseline ${baselineFile}:\n${breaching.map((finding) => `  ${findingLine(finding)}`).join("\n")}`,
        ]),
  ];
  return { reasons, breaching };
}
