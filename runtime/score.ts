// Scores, computed the way Kubescape computes them (kubescape/opa-utils, score and report
// summary), with one deliberate difference: controls that were not evaluated are left out of
// the means instead of counting as 0, and the report states the coverage instead.
//
//   control compliance   = passed resources / all resources × 100 (100 when nothing applies)
//   framework compliance = mean of the compliance of its evaluated controls
//   risk                 = Σ baseScore × Σ weight(failed) / Σ baseScore × Σ weight(all) × 100
//   weight(resource)     = replicas × 1.1 when replicas > 1 (× desired pods for a DaemonSet), else 1

export type Severity = "Critical" | "High" | "Medium" | "Low";

export function severityOf(baseScore: number): Severity {
  if (baseScore >= 9) return "Critical";
  if (baseScore >= 7) return "High";
  if (baseScore >= 4) return "Medium";
  return "Low";
}

export const SEVERITY_ORDER: readonly Severity[] = ["Critical", "High", "Medium", "Low"];

/** The severity a user writes in any case (`high`, `HIGH`); undefined for anything else. */
export function severityNamed(text: string): Severity | undefined {
  return SEVERITY_ORDER.find((severity) => severity.toLowerCase() === text.toLowerCase());
}

/** How much one object counts in the risk score: workloads count by their replicas. */
export function resourceWeight(object: Readonly<Record<string, unknown>>): number {
  const spec = object.spec as { replicas?: unknown } | undefined;
  const status = object.status as { desiredNumberScheduled?: unknown } | undefined;
  let weight = 1;
  if (typeof spec?.replicas === "number" && spec.replicas > 1) weight *= spec.replicas * 1.1;
  if (
    object.kind === "DaemonSet" &&
    typeof status?.desiredNumberScheduled === "number" &&
    status.desiredNumberScheduled > 0
  ) {
    weight *= status.desiredNumberScheduled;
  }
  return weight;
}

export function complianceScore(passed: number, all: number): number {
  return all === 0 ? 100 : (passed / all) * 100;
}

/** The mean of the given scores; null when there is none (nothing was evaluated). */
export function mean(scores: readonly number[]): number | null {
  return scores.length === 0 ? null : scores.reduce((sum, score) => sum + score, 0) / scores.length;
}

export interface RiskTerms {
  readonly baseScore: number;
  readonly failedWeight: number;
  readonly allWeight: number;
}

/** Kubescape's risk score over controls: 0 (no risk) to 100; null when nothing applied. */
export function riskScore(controls: readonly RiskTerms[]): number | null {
  const worst = controls.reduce((sum, control) => sum + control.baseScore * control.allWeight, 0);
  if (worst === 0) return null;
  const actual = controls.reduce((sum, control) => sum + control.baseScore * control.failedWeight, 0);
  return (actual / worst) * 100;
}

/** Scores in reports: two decimals, as numbers. */
export function rounded(score: number | null): number | null {
  return score === null ? null : Math.round(score * 100) / 100;
}
