// What history keeps of a scan besides its report: the scores and counts the scan list, the trend
// page, `rampart history` and the metrics show, read once from the JSON report.
import type { JsonReport } from "../report/json.js";
import { SEVERITY_ORDER } from "../score.js";
import { failingFindings } from "./findings.js";

export interface FrameworkScore {
  readonly name: string;
  readonly score: number | null;
  readonly riskScore: number | null;
}

export interface ControlCountsSummary {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly total: number;
}

export interface ControlSummary {
  readonly id: string;
  readonly name: string;
  readonly severity: string;
  readonly frameworks: readonly string[];
  readonly score: number | null;
  /** Failed weight / all weight × 100 (Kubescape's control risk score); null when unknown or nothing applied. */
  readonly riskScore: number | null;
  readonly failed: number;
  readonly excluded: number;
  readonly passed: number;
}

export interface ScanSummary {
  /** The report's scanDate (ISO 8601, UTC). */
  readonly date: string;
  readonly score: number | null;
  readonly riskScore: number | null;
  readonly frameworks: readonly FrameworkScore[];
  readonly controls: ControlCountsSummary;
  /** Failing objects × controls per severity (`Critical`…`Low`), after exceptions. */
  readonly failedBySeverity: Readonly<Record<string, number>>;
  /** Every evaluated control (skipped ones are not). */
  readonly controlScores: readonly ControlSummary[];
}

/** The part of a JSON report a summary is read from. */
export type SummarySource = Pick<JsonReport, "scanDate" | "summaryDetails" | "results">;

/** `controlRisk`: each control's risk score, which the JSON report does not carry (from the scan). */
export function summarize(
  report: SummarySource,
  controlRisk: ReadonlyMap<string, number | null> = new Map(),
): ScanSummary {
  const details = report.summaryDetails;
  const failedBySeverity: Record<string, number> = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0]));
  for (const finding of failingFindings(report)) {
    failedBySeverity[finding.severity] = (failedBySeverity[finding.severity] ?? 0) + 1;
  }
  return {
    date: report.scanDate,
    score: details.score,
    riskScore: details.riskScore,
    frameworks: details.frameworks.map((framework) => ({
      name: framework.name,
      score: framework.score,
      riskScore: framework.riskScore,
    })),
    controls: details.controls,
    failedBySeverity,
    controlScores: report.results
      .filter((control) => control.status !== "skipped")
      .map((control) => ({
        id: control.controlID,
        name: control.name,
        severity: control.severity,
        frameworks: control.frameworks,
        score: control.complianceScore,
        riskScore: controlRisk.get(control.controlID) ?? null,
        failed: control.resourceCounters.failed,
        excluded: control.resourceCounters.excepted,
        passed: control.resourceCounters.passed,
      })),
  };
}
