// CI gates: what makes `rampart scan` exit 1. Controls whose action is `warn` never breach a
// gate; failures accepted by an exception are not failures.
import type { ScanResult } from "./scan.js";
import { SEVERITY_ORDER, type Severity } from "./score.js";

export interface Gates {
  /** Fail when the compliance score (summaryDetails.score) is below this, 0-100. */
  readonly complianceThreshold?: number;
  /** Fail when a control of this severity or above fails. */
  readonly severityThreshold?: Severity;
}

/** Why the scan breaches the gates; empty when it passes them. */
export function breaches(result: ScanResult, gates: Gates): string[] {
  const reasons: string[] = [];
  if (gates.complianceThreshold !== undefined) {
    const score = result.complianceScore ?? 0;
    if (score < gates.complianceThreshold) {
      reasons.push(`compliance score ${score.toFixed(2)} is below the threshold ${gates.complianceThreshold}`);
    }
  }
  const threshold = gates.severityThreshold;
  if (threshold !== undefined) {
    const atOrAbove = SEVERITY_ORDER.slice(0, SEVERITY_ORDER.indexOf(threshold) + 1);
    const failing = result.controls.filter(
      (control) => control.status === "failed" && control.action === "enforce" && atOrAbove.includes(control.severity),
    );
    if (failing.length > 0) {
      reasons.push(
        `${failing.length} control(s) of severity ${threshold} or above fail: ${failing.map((control) => control.control.id).join(", ")}`,
      );
    }
  }
  return reasons;
}
