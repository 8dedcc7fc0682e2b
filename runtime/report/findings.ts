// What the document reports (HTML, PDF) present besides the tables: controls in reading order,
// the groups of controls (one per framework, or the selected controls), and the scan seen per
// object — each object that fails a control (or that an exception let pass) with its findings.
import type { ControlResult, ResourceResult, ScannedObject, ScanResult, Scores } from "../scan.js";
import { rounded, SEVERITY_ORDER, type Severity } from "../score.js";

/** A score as reports print it: `44.55%`, or `n/a` when nothing was evaluated. */
export function percent(score: number | null): string {
  const value = rounded(score);
  return value === null ? "n/a" : `${value.toFixed(2)}%`;
}

/** Most severe first, then by control ID. */
export function bySeverity(controls: readonly ControlResult[]): ControlResult[] {
  return [...controls].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      a.control.id.localeCompare(b.control.id),
  );
}

export interface ControlGroup {
  /** `NSA`, or `Selected controls` for `scan control`. */
  readonly title: string;
  readonly name: string | undefined;
  readonly scores: Scores;
  readonly controls: readonly ControlResult[];
}

export function controlGroups(result: ScanResult): ControlGroup[] {
  if (result.frameworks.length === 0) {
    return [{ title: "Selected controls", name: undefined, scores: result, controls: result.controls }];
  }
  return result.frameworks.map((framework) => ({
    title: framework.framework.title,
    name: framework.framework.name,
    scores: framework,
    controls: framework.controls,
  }));
}

export interface ControlCounts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly total: number;
}

export function controlCounts(controls: readonly ControlResult[]): ControlCounts {
  const count = (status: string) => controls.filter((entry) => entry.status === status).length;
  return { passed: count("passed"), failed: count("failed"), skipped: count("skipped"), total: controls.length };
}

/** Failed controls per severity, most severe first. */
export function failedBySeverity(controls: readonly ControlResult[]): Array<[Severity, number]> {
  return SEVERITY_ORDER.map((severity) => [
    severity,
    controls.filter((entry) => entry.status === "failed" && entry.severity === severity).length,
  ]);
}

export interface Finding {
  readonly control: ControlResult;
  readonly resource: ResourceResult;
}

export interface ObjectFindings {
  readonly object: ScannedObject;
  /** Failures (and evaluation errors) first, most severe first; then the accepted ones. */
  readonly findings: readonly Finding[];
  readonly failed: number;
  readonly accepted: number;
}

/** `Deployment/web`. */
export function objectLabel(object: ScannedObject): string {
  return `${object.kind}/${object.name}`;
}

/** `examples/web-app.yaml:10` (with the Helm template when there is one). */
export function sourceLabel(object: ScannedObject): string {
  const { file, line, template } = object.source;
  return `${file}:${line}${template === undefined ? "" : ` (template ${template})`}`;
}

/** Objects with at least one finding that is not a pass, by namespace, kind and name. */
export function objectFindings(result: ScanResult): ObjectFindings[] {
  const byObject = new Map<number, Finding[]>();
  for (const control of bySeverity(result.controls)) {
    for (const resource of control.resources) {
      if (resource.status === "passed") continue;
      const list = byObject.get(resource.object.index) ?? [];
      list.push({ control, resource });
      byObject.set(resource.object.index, list);
    }
  }
  const entries = [...byObject.values()].map((findings): ObjectFindings => {
    const object = (findings[0] as Finding).resource.object;
    const failing = findings.filter((finding) => finding.resource.status !== "excepted");
    const accepted = findings.filter((finding) => finding.resource.status === "excepted");
    return { object, findings: [...failing, ...accepted], failed: failing.length, accepted: accepted.length };
  });
  return entries.sort(
    (a, b) =>
      (a.object.namespace ?? "").localeCompare(b.object.namespace ?? "") ||
      a.object.kind.localeCompare(b.object.kind) ||
      a.object.name.localeCompare(b.object.name) ||
      a.object.index - b.object.index,
  );
}
