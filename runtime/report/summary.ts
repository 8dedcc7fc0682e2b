// What every report format says the same way: scores as percentages, coverage, the summary line,
// control and object counts, the severity order, score grades, how an object, a skipped input
// an exception's use and a fix are named.
import { type Fix, isChoiceFix, isRemoveFix } from "../../dsl/index.js";
import { namedControls } from "../config/exceptions.js";
import type { SkippedInput } from "../input/load.js";
import { type ControlResult, type ExceptionUse, isFailing, type Scores } from "../scan.js";
import { rounded, SEVERITY_ORDER, type Severity } from "../score.js";

/** A fix in words: `set a.b to false`, `remove a.b`, `set a.b to the limits.cpu you choose (default 500m)`. */
export function fixText(fix: Fix): string {
  if (isRemoveFix(fix)) return `remove ${fix.path}`;
  if (isChoiceFix(fix))
    return `set ${fix.path} to the ${fix.choice} you choose${fix.value === "" ? "" : ` (default ${fix.value})`}`;
  return `set ${fix.path} to ${fix.value}`;
}

/** A score as reports print it: `44.55%`, or `n/a` when nothing was evaluated. */
export function percent(score: number | null): string {
  const value = rounded(score);
  return value === null ? "n/a" : `${value.toFixed(2)}%`;
}

/** `evaluated 11 of 26 controls`. */
export function coverageText(scores: Scores): string {
  return `evaluated ${scores.evaluated} of ${scores.total} controls`;
}

/** `NSA: compliance score 35.71%, risk score 59.97% (evaluated 11 of 26 controls)`. */
export function scoreLine(title: string, scores: Scores): string {
  return `${title}: compliance score ${percent(scores.complianceScore)}, risk score ${percent(scores.riskScore)} (${coverageText(scores)})`;
}

/** good / fair / poor, at 80 and 50; undefined when there is no score. */
export type Grade = "good" | "fair" | "poor";

/** The grade of a compliance score, or (higherIsBetter false) of a risk score. */
export function grade(score: number | null, higherIsBetter = true): Grade | undefined {
  if (score === null) return undefined;
  const value = higherIsBetter ? score : 100 - score;
  if (value >= 80) return "good";
  if (value >= 50) return "fair";
  return "poor";
}

/** Most severe first, then by control ID. */
export function bySeverity(controls: readonly ControlResult[]): ControlResult[] {
  return [...controls].sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      a.control.id.localeCompare(b.control.id),
  );
}

export interface ControlCounts {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly total: number;
}

export function controlCounts(controls: readonly ControlResult[]): ControlCounts {
  const count = (status: ControlResult["status"]) => controls.filter((entry) => entry.status === status).length;
  return { passed: count("passed"), failed: count("failed"), skipped: count("skipped"), total: controls.length };
}

/** Failed controls per severity, most severe first. */
export function failedBySeverity(controls: readonly ControlResult[]): Array<[Severity, number]> {
  return SEVERITY_ORDER.map((severity) => [
    severity,
    controls.filter((entry) => entry.status === "failed" && entry.severity === severity).length,
  ]);
}

/**
 * An object over several controls: failed when one of them fails it (or cannot evaluate it),
 * excepted when its only failures are accepted by exceptions, passed otherwise.
 */
export type ObjectStatus = "failed" | "excepted" | "passed";

export interface ObjectCounts extends Readonly<Record<ObjectStatus, number>> {
  /** Every object the controls evaluated. */
  readonly total: number;
}

export function objectCounts(controls: readonly ControlResult[]): ObjectCounts {
  const status = new Map<number, ObjectStatus>();
  for (const control of controls) {
    for (const resource of control.resources) {
      const index = resource.object.index;
      const before = status.get(index) ?? "passed";
      if (isFailing(resource)) status.set(index, "failed");
      else if (resource.status === "excepted" && before !== "failed") status.set(index, "excepted");
      else status.set(index, before);
    }
  }
  const count = (wanted: ObjectStatus) => [...status.values()].filter((value) => value === wanted).length;
  return { failed: count("failed"), excepted: count("excepted"), passed: count("passed"), total: status.size };
}

interface NamedObject {
  readonly kind: string;
  readonly namespace?: string | undefined;
  readonly name: string;
}

/** `Deployment/web`. */
export function objectLabel(object: NamedObject): string {
  return `${object.kind}/${object.name}`;
}

/** `Deployment shop/web`, `ClusterRole admin`. */
export function namespacedLabel(object: NamedObject): string {
  return `${object.kind} ${object.namespace === undefined ? "" : `${object.namespace}/`}${object.name}`;
}

/** `manifests/app.yaml:12` (the line when known). */
export function inputLocation(entry: SkippedInput): string {
  return `${entry.file}${entry.line === undefined ? "" : `:${entry.line}`}`;
}

/** `manifests/app.yaml:12: YAML syntax error: …`. */
export function skippedInputText(entry: SkippedInput): string {
  return `${inputLocation(entry)}: ${entry.reason}`;
}

/**
 * `applied to 2 failures`, `matched no failure`, `expired, not applied`, `names no control this
 * scan evaluates (C-0048)`.
 */
export function exceptionStatus(use: ExceptionUse): string {
  if (use.expired) return "expired, not applied";
  if (use.applied > 0) return `applied to ${use.applied} failure${use.applied === 1 ? "" : "s"}`;
  if (use.controls.length === 0) return `names no control this scan evaluates (${namedControls(use.rule)})`;
  return "matched no failure";
}
