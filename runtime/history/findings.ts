// A finding is one object failing one control. Findings are what history tracks between scans:
// new ones, fixed ones and those still failing (a diff of two JSON reports), and how long each
// stayed open. They are read from the JSON report, so that a stored scan, a report file written
// by `rampart scan --format json` and a scan just made compare the same way.
import type { JsonReport } from "../report/json.js";

export interface Finding {
  /** `C-0016|Deployment|shop|web`: the control and the object, stable across scans and files. */
  readonly key: string;
  readonly controlID: string;
  readonly controlName: string;
  readonly severity: string;
  readonly kind: string;
  readonly namespace: string | null;
  readonly name: string;
  /** `failed`, or `error` for an object the control could not evaluate (never a pass). */
  readonly status: "failed" | "error";
  /** `warn` controls are reported but never breach a gate. */
  readonly action: string;
  readonly messages: readonly string[];
}

/** The part of a JSON report findings are read from (a stored or older report may hold more). */
export type FindingsSource = Pick<JsonReport, "results">;

/**
 * The object, without its apiVersion: a Deployment moved from `extensions/v1beta1` to `apps/v1`,
 * or found in another file, is the same object.
 */
export function findingKey(controlID: string, kind: string, namespace: string | null, name: string): string {
  return [controlID, kind, namespace ?? "", name].join("|");
}

/** Every failing (or unevaluable) object × control of a report; accepted exceptions are not findings. */
export function failingFindings(report: FindingsSource): Finding[] {
  const findings = new Map<string, Finding>();
  for (const control of report.results) {
    for (const resource of control.resources) {
      if (resource.status !== "failed" && resource.status !== "error") continue;
      const key = findingKey(control.controlID, resource.kind, resource.namespace, resource.name);
      if (findings.has(key)) continue;
      findings.set(key, {
        key,
        controlID: control.controlID,
        controlName: control.name,
        severity: control.severity,
        kind: resource.kind,
        namespace: resource.namespace,
        name: resource.name,
        status: resource.status,
        action: control.action,
        messages: messagesOf(resource),
      });
    }
  }
  return [...findings.values()];
}

function messagesOf(resource: JsonReport["results"][number]["resources"][number]): string[] {
  if ("violations" in resource && Array.isArray(resource.violations))
    return resource.violations.map((violation) => violation.message);
  if ("error" in resource && typeof resource.error === "string") return [resource.error];
  return [];
}

/** The controls a report evaluated (not skipped): only their findings can be fixed. */
export function evaluatedControls(report: FindingsSource): Set<string> {
  return new Set(report.results.filter((control) => control.status !== "skipped").map((c) => c.controlID));
}

export interface FindingsDiff {
  /** Failing in the later report, not in the earlier one. */
  readonly new: readonly Finding[];
  /** Failing in the earlier report; the later one evaluated the control and the object does not fail it. */
  readonly fixed: readonly Finding[];
  /** Failing in both (as the later report words it). */
  readonly stillFailing: readonly Finding[];
  /** Failing in the earlier report, whose control the later one did not evaluate: not known to be fixed. */
  readonly notEvaluated: readonly Finding[];
}

export function diffFindings(before: FindingsSource, after: FindingsSource): FindingsDiff {
  const earlier = new Map(failingFindings(before).map((finding) => [finding.key, finding]));
  const later = failingFindings(after);
  const laterKeys = new Set(later.map((finding) => finding.key));
  const evaluated = evaluatedControls(after);
  const gone = [...earlier.values()].filter((finding) => !laterKeys.has(finding.key));
  return {
    new: sorted(later.filter((finding) => !earlier.has(finding.key))),
    fixed: sorted(gone.filter((finding) => evaluated.has(finding.controlID))),
    stillFailing: sorted(later.filter((finding) => earlier.has(finding.key))),
    notEvaluated: sorted(gone.filter((finding) => !evaluated.has(finding.controlID))),
  };
}

const SEVERITY_RANK: Readonly<Record<string, number>> = { Critical: 0, High: 1, Medium: 2, Low: 3 };

/** Most severe first, then by control, namespace, kind and name. */
export function sorted(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (SEVERITY_RANK[a.severity] ?? 4) - (SEVERITY_RANK[b.severity] ?? 4) ||
      a.controlID.localeCompare(b.controlID) ||
      (a.namespace ?? "").localeCompare(b.namespace ?? "") ||
      a.kind.localeCompare(b.kind) ||
      a.name.localeCompare(b.name),
  );
}

/** What a report says of an object × control: failing, passing, or passing with an exception. */
export type Assessment = "failing" | "passed" | "excepted";

/** Every object × control the report evaluated, by finding key. */
export function assessments(report: FindingsSource): Map<string, Assessment> {
  const found = new Map<string, Assessment>();
  for (const control of report.results) {
    for (const resource of control.resources) {
      const key = findingKey(control.controlID, resource.kind, resource.namespace, resource.name);
      const assessment: Assessment =
        resource.status === "failed" || resource.status === "error"
          ? "failing"
          : "subStatus" in resource && resource.subStatus === "w/exceptions"
            ? "excepted"
            : "passed";
      // The same object found twice (two files): failing wins.
      if (found.get(key) !== "failing") found.set(key, assessment);
    }
  }
  return found;
}
