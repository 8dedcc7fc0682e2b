// What the document reports (HTML, PDF) present besides the tables: the groups of controls (one
// per framework, or the selected controls), and the scan seen per object — each object that
// fails a control (or that an exception let pass) with its findings.
import { CLUSTER_SOURCE } from "../input/load.js";
import {
  type AppliedException,
  type ControlResult,
  isFailing,
  type ResourceResult,
  type ScannedObject,
  type ScanResult,
  type Scores,
} from "../scan.js";
import { bySeverity } from "./summary.js";

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

/** `examples/web-app.yaml:10` (with the Helm template when there is one); `live cluster` for its objects. */
export function sourceLabel(object: ScannedObject): string {
  const { file, line, template } = object.source;
  if (file === CLUSTER_SOURCE) return "live cluster";
  return `${file}:${line}${template === undefined ? "" : ` (template ${template})`}`;
}

/** A finding's status in words: `failed`, `error`, or `passed with exception`. */
export function findingStatus(resource: ResourceResult): string {
  return resource.status === "excepted" ? "passed with exception" : resource.status;
}

/** Why an exception accepts failures, as written, or that it does not say. */
export function justificationOf(exception: AppliedException): string {
  return exception.justification || "no justification given";
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
    const failing = findings.filter((finding) => isFailing(finding.resource));
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
