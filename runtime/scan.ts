// A scan: loaded objects × selected controls → per-control, per-object results and scores,
// with exceptions applied and per-control settings (severity, action) from the controls config.
import { type Fix, type Framework, type KindName, requirementStatus, type Violation } from "../dsl/index.js";
import type { Action, ControlSettings } from "./config/controls-config.js";
import { coversControl, coversObject, type ExceptionRule, isExpired } from "./config/exceptions.js";
import {
  type AsyncEngine,
  type ControlInputValues,
  type Engine,
  inventoryOf,
  type KubeObject,
  type Outcome,
} from "./engine/engine.js";
import type { LoadResult, SkippedInput, SourceRef } from "./input/load.js";
import { type ShapeProblem, shapeProblem } from "./input/shape.js";
import {
  complianceScore,
  mean,
  type RiskTerms,
  resourceWeight,
  riskScore,
  type Severity,
  severityOf,
} from "./score.js";
import { type SelectedControl, type Selection, withConfiguration } from "./selection.js";
import { isBinding, outcomeOfSubject, subjectLookups, subjectsOfBindings } from "./subjects.js";

export interface ScannedObject {
  readonly index: number;
  readonly object: KubeObject;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
  readonly labels: Readonly<Record<string, string>>;
  /** `<apiVersion>/<namespace>/<kind>/<name>` (Kubescape's form), unique within the scan. */
  readonly resourceID: string;
  readonly source: SourceRef;
  /**
   * A subject of a binding (a resource of RBAC controls, runtime/subjects.ts): the binding that
   * grants it its role and its entry there (`subjects[2]`). Its source is the binding's.
   */
  readonly grantedBy?: { readonly binding: ScannedObject; readonly path: string };
}

/** `excepted`: a failure an exception accepts ("passed with exception"). */
export type ResourceStatus = "passed" | "failed" | "error" | "excepted";

export interface AppliedException {
  readonly name: string;
  readonly justification: string;
  readonly where: string;
}

export interface ResourceResult {
  readonly object: ScannedObject;
  readonly status: ResourceStatus;
  readonly violations: readonly Violation[];
  readonly error?: string;
  readonly exception?: AppliedException;
}

/** A failure no exception accepts, or an object the control could not evaluate: never a pass. */
export function isFailing(resource: ResourceResult): boolean {
  return resource.status === "failed" || resource.status === "error";
}

export type ControlStatus = "passed" | "failed" | "skipped";

export interface ResourceCounts {
  readonly passed: number;
  readonly failed: number;
  readonly excepted: number;
  readonly all: number;
}

export interface ControlResult {
  readonly control: SelectedControl;
  /** From the base score, or as the controls config sets it. */
  readonly severity: Severity;
  /** `warn`: failures are reported but do not breach the CI gates. */
  readonly action: Action;
  readonly status: ControlStatus;
  /**
   * Why a control was skipped (not implemented, or the input lacks the data it judges); for an
   * evaluated control, the part of what it judges that the input lacks (its cloud rule without
   * a cluster description). undefined when there is nothing to say.
   */
  readonly statusReason: string | undefined;
  /** Every object the control evaluated (none when skipped). */
  readonly resources: readonly ResourceResult[];
  readonly counts: ResourceCounts;
  /** null when skipped. */
  readonly complianceScore: number | null;
  readonly risk: RiskTerms | null;
}

export interface Scores {
  readonly complianceScore: number | null;
  readonly riskScore: number | null;
  readonly evaluated: number;
  readonly total: number;
}

export interface FrameworkResult extends Scores {
  readonly framework: Framework;
  readonly controls: readonly ControlResult[];
}

export interface ExceptionUse {
  readonly rule: ExceptionRule;
  /** Failures the exception turned into "passed with exception". */
  readonly applied: number;
  readonly expired: boolean;
  /** The evaluated controls of the scan the exception names (none: it cannot match anything). */
  readonly controls: readonly string[];
}

/** A loaded object with a field of the wrong type. */
export interface MalformedObject {
  readonly object: ScannedObject;
  readonly problem: ShapeProblem;
  /** A selected control evaluates it: every such control reports it as an error. */
  readonly evaluated: boolean;
}

export interface ScanResult extends Scores {
  readonly objects: readonly ScannedObject[];
  /** The subjects of the scanned bindings, the resources of RBAC controls (runtime/subjects.ts). */
  readonly subjects: readonly ScannedObject[];
  readonly skippedInputs: readonly SkippedInput[];
  /**
   * Loaded objects with a field of the wrong type, scanned or not: left out of the inventory
   * (cross-resource controls never see them), and an error of every control that evaluates them.
   */
  readonly malformed: readonly MalformedObject[];
  readonly controls: readonly ControlResult[];
  readonly frameworks: readonly FrameworkResult[];
  readonly exceptions: readonly ExceptionUse[];
}

export interface ScanOptions {
  readonly loaded: LoadResult;
  /** The controls to run; one whose inputs are all empty is skipped as needing configuration. */
  readonly selection: Selection;
  readonly inputs: ControlInputValues;
  /** In-process, or a pool of worker threads (engine/pool.ts): the result is the same. */
  readonly engine: Engine | AsyncEngine;
  /** Kinds the controls look up in other objects (default: every kind). */
  readonly inventoryKinds?: ReadonlySet<string>;
  /**
   * Which loaded objects are scanned (namespace filters, `scan workload`); the others are left
   * out of the report but stay visible to cross-resource controls.
   */
  readonly scanObject?: (object: ScannedObject) => boolean;
  readonly exceptions?: readonly ExceptionRule[];
  readonly controlSettings?: ReadonlyMap<string, ControlSettings>;
  /** For exception expiry (default: now). */
  readonly now?: Date;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Objects per engine call: the unit of work of a worker thread, and of progress. */
export const BATCH_SIZE = 500;

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const loaded = identify(options.loaded);
  const objects = loaded.filter((object) => options.scanObject?.(object) ?? true);
  // Every loaded object's shape, once: a malformed object is neither evaluated nor looked up.
  const problems = new Map<number, ShapeProblem>();
  for (const object of loaded) {
    const problem = shapeProblem(object.object);
    if (problem !== undefined) problems.set(object.index, problem);
  }
  // What each control judges that the scanned objects may lack (control-plane pods, …).
  const judged = objects.filter((object) => !problems.has(object.index)).map((object) => object.object);
  const selection = withConfiguration(options.selection, options.inputs);
  const requirements = new Map(
    selection.controls.map((selected) => [selected.id, requirementStatus(selected.control?.requires ?? [], judged)]),
  );
  const evaluated = selection.controls.filter(
    (selected) =>
      selected.control !== undefined &&
      selected.skipReason === undefined &&
      requirements.get(selected.id)?.met === true,
  );
  const kinds = new Set<string>(evaluated.flatMap((selected) => selected.control?.kinds ?? []));
  const applicable = objects.filter((object) => kinds.has(object.kind));
  const inventory = inventoryOf(
    loaded.filter((object) => !problems.has(object.index)).map((object) => object.object),
    options.inventoryKinds,
  );
  options.engine.prepare(options.inputs, inventory);
  const subjects = evaluated.some((selected) => selected.control?.subjects !== undefined)
    ? subjectsOfBindings(
        applicable.filter((object) => isBinding(object.object) && !problems.has(object.index)),
        subjectLookups(inventory),
        loaded.length,
      )
    : new Map<number, ScannedObject[]>();
  const outcomes = new Map<string, Map<number, Outcome>>(evaluated.map((selected) => [selected.id, new Map()]));
  const wellFormed: ScannedObject[] = [];
  for (const object of applicable) {
    const problem = problems.get(object.index);
    if (problem === undefined) {
      wellFormed.push(object);
      continue;
    }
    const error = `malformed object, which the API server would reject: ${problem.path}: ${problem.message}`;
    for (const byObject of outcomes.values()) byObject.set(object.index, { index: object.index, error });
  }
  const applicableIndexes = new Set(applicable.map((object) => object.index));
  const malformed = loaded.flatMap((object): MalformedObject[] => {
    const problem = problems.get(object.index);
    return problem === undefined ? [] : [{ object, problem, evaluated: applicableIndexes.has(object.index) }];
  });
  const batches = batchesByKind(wellFormed, evaluated);
  // Each answer is filed as it comes (by object index: the report follows input order, whatever
  // the batches), its texts pooled, so the engine's own copy is dropped young.
  const texts = new TextPool();
  let done = 0;
  await Promise.all(
    batches.map(async (batch) => {
      const answer = options.engine.evaluate(
        batch.objects.map((object) => object.object),
        batch.controlIds,
      );
      // An in-process engine answers at once: filed before the next batch is evaluated.
      const found = answer instanceof Promise ? await answer : answer;
      for (const [id, list] of found) {
        const byObject = outcomes.get(id);
        for (const outcome of list) {
          const pooled =
            "violations" in outcome ? { ...outcome, violations: outcome.violations.map(texts.violation) } : outcome;
          byObject?.set((batch.objects[outcome.index] as ScannedObject).index, pooled);
        }
      }
      done += batch.objects.length;
      options.onProgress?.(done, wellFormed.length);
    }),
  );

  const now = options.now ?? new Date();
  const exceptions = (options.exceptions ?? []).map((rule) => ({
    rule,
    applied: 0,
    expired: isExpired(rule, now),
    controls: evaluated
      .filter((selected) =>
        coversControl(rule, { id: selected.id, name: selected.name, frameworks: selected.memberOf }),
      )
      .map((selected) => selected.id),
  }));
  const controls = selection.controls.map((selected) =>
    controlResult(
      selected,
      applicable,
      subjects,
      outcomes.get(selected.id),
      requirements.get(selected.id)?.unmet ?? [],
      options.controlSettings?.get(selected.id),
      exceptions,
    ),
  );
  const frameworks = selection.frameworks.map((framework) => {
    const members = controls.filter((result) => result.control.frameworks.includes(framework.name));
    return { framework, controls: members, ...scores(members) };
  });
  return {
    objects,
    subjects: [...subjects.values()].flat(),
    skippedInputs: options.loaded.skipped,
    malformed,
    controls,
    frameworks,
    exceptions,
    ...scores(controls),
  };
}

/**
 * One string for each distinct text of the violations: a big scan repeats the same messages and
 * paths across objects and controls (10,000 objects × 183 controls: 29 M characters of text in
 * violations, 4 M of them distinct), and the engines answer with a new string each time.
 */
class TextPool {
  private readonly texts = new Map<string, string>();

  private text = (value: string): string => {
    const known = this.texts.get(value);
    if (known !== undefined) return known;
    this.texts.set(value, value);
    return value;
  };

  /** The violation with pooled texts; the keys of each fix stay in their order (the report's bytes). */
  violation = (violation: Violation): Violation => ({
    message: this.text(violation.message),
    paths: violation.paths.map(this.text),
    fixes: violation.fixes.map(
      (fix) =>
        Object.fromEntries(
          Object.entries(fix).map(([key, value]) => [key, typeof value === "string" ? this.text(value) : value]),
        ) as unknown as Fix,
    ),
  });
}

interface Batch {
  readonly objects: readonly ScannedObject[];
  /** The controls that read the batch's kind. */
  readonly controlIds: readonly string[];
}

/**
 * The objects in batches of one kind (at most BATCH_SIZE, input order within a kind), each with
 * the controls that read that kind: a control is never asked about an object it does not judge,
 * which with 183 controls is most of the pairs.
 */
function batchesByKind(objects: readonly ScannedObject[], controls: readonly SelectedControl[]): Batch[] {
  const byKind = new Map<string, ScannedObject[]>();
  for (const object of objects) {
    const group = byKind.get(object.kind);
    if (group === undefined) byKind.set(object.kind, [object]);
    else group.push(object);
  }
  return [...byKind].flatMap(([kind, group]) => {
    const controlIds = controls
      .filter((selected) => selected.control?.kinds.includes(kind as KindName))
      .map((selected) => selected.id);
    return Array.from({ length: Math.ceil(group.length / BATCH_SIZE) }, (_, position) => ({
      objects: group.slice(position * BATCH_SIZE, (position + 1) * BATCH_SIZE),
      controlIds,
    }));
  });
}

/** The first live exception that accepts this failure; counts its use. */
function acceptedBy(
  selected: SelectedControl,
  object: ScannedObject,
  exceptions: Array<{ rule: ExceptionRule; applied: number; expired: boolean }>,
): AppliedException | undefined {
  const control = { id: selected.id, name: selected.name, frameworks: selected.memberOf };
  const use = exceptions.find(
    (entry) => !entry.expired && coversControl(entry.rule, control) && coversObject(entry.rule, object),
  );
  if (use === undefined) return undefined;
  use.applied += 1;
  return { name: use.rule.name, justification: use.rule.justification, where: use.rule.where };
}

/**
 * One result per object that passes, shared by every control it passes: a scan holds objects ×
 * controls results, and most are passes.
 */
const PASSED = new WeakMap<ScannedObject, ResourceResult>();

function passedResult(object: ScannedObject): ResourceResult {
  let result = PASSED.get(object);
  if (result === undefined) {
    result = Object.freeze({ object, status: "passed", violations: Object.freeze([]) });
    PASSED.set(object, result);
  }
  return result;
}

function controlResult(
  selected: SelectedControl,
  applicable: readonly ScannedObject[],
  subjects: ReadonlyMap<number, readonly ScannedObject[]>,
  outcomes: ReadonlyMap<number, Outcome> | undefined,
  unmet: readonly string[],
  settings: ControlSettings | undefined,
  exceptions: Array<{ rule: ExceptionRule; applied: number; expired: boolean }>,
): ControlResult {
  const severity = settings?.severity ?? severityOf(selected.baseScore);
  const action = settings?.action ?? selected.control?.action ?? "enforce";
  if (selected.control === undefined || outcomes === undefined) {
    return {
      control: selected,
      severity,
      action,
      status: "skipped",
      statusReason: selected.skipReason ?? (unmet.length > 0 ? unmet.join("; ") : undefined),
      resources: [],
      counts: { passed: 0, failed: 0, excepted: 0, all: 0 },
      complianceScore: null,
      risk: null,
    };
  }
  const kinds = new Set<string>(selected.control.kinds);
  const subjectKinds = selected.control.subjects;
  const resultOf = (object: ScannedObject, outcome: Outcome | undefined): ResourceResult => {
    if (outcome === undefined) return passedResult(object);
    if ("error" in outcome) return { object, status: "error", violations: [], error: outcome.error };
    const exception = acceptedBy(selected, object, exceptions);
    if (exception !== undefined) return { object, status: "excepted", violations: outcome.violations, exception };
    return { object, status: "failed", violations: outcome.violations };
  };
  const resources = applicable
    .filter((object) => kinds.has(object.kind))
    .flatMap((object): ResourceResult[] => {
      const outcome = outcomes.get(object.index);
      // An RBAC control's resources are the subjects of its (well-formed) bindings.
      const granted = subjectKinds === undefined ? undefined : subjects.get(object.index);
      if (granted === undefined) return [resultOf(object, outcome)];
      return granted
        .filter((subject) => (subjectKinds as readonly string[]).includes(subject.kind))
        .map((subject) => resultOf(subject, outcomeOfSubject(outcome, subject.grantedBy?.path ?? "")));
    });
  // An object that could not be evaluated never counts as passing.
  const failing = resources.filter(isFailing);
  const excepted = resources.filter((resource) => resource.status === "excepted").length;
  const passed = resources.length - failing.length - excepted;
  return {
    control: selected,
    severity,
    action,
    status: failing.length > 0 ? "failed" : "passed",
    statusReason: unmet.length > 0 ? `partly evaluated: ${unmet.join("; ")}` : undefined,
    resources,
    counts: { passed, failed: failing.length, excepted, all: resources.length },
    complianceScore: complianceScore(passed + excepted, resources.length),
    risk: {
      baseScore: selected.baseScore,
      failedWeight: failing.reduce((sum, resource) => sum + resourceWeight(resource.object.object), 0),
      allWeight: resources.reduce((sum, resource) => sum + resourceWeight(resource.object.object), 0),
    },
  };
}

function scores(controls: readonly ControlResult[]): Scores {
  const evaluated = controls.filter((result) => result.status !== "skipped");
  return {
    complianceScore: mean(evaluated.map((result) => result.complianceScore ?? 0)),
    riskScore: riskScore(evaluated.flatMap((result) => (result.risk === null ? [] : [result.risk]))),
    evaluated: evaluated.length,
    total: controls.length,
  };
}

/** Gives every loaded object its identity; duplicates of a resource ID get their source appended. */
function identify(loaded: LoadResult): ScannedObject[] {
  const seen = new Map<string, number>();
  return loaded.objects.map(({ object, source }, index) => {
    const metadata = (object.metadata ?? {}) as {
      name?: unknown;
      namespace?: unknown;
      generateName?: unknown;
      labels?: unknown;
    };
    const name =
      typeof metadata.name === "string"
        ? metadata.name
        : typeof metadata.generateName === "string"
          ? metadata.generateName
          : "";
    const namespace = typeof metadata.namespace === "string" ? metadata.namespace : undefined;
    const labels =
      typeof metadata.labels === "object" && metadata.labels !== null
        ? (metadata.labels as Record<string, string>)
        : {};
    const apiVersion = object.apiVersion as string;
    const kind = object.kind as string;
    const base = `${apiVersion}/${namespace ?? ""}/${kind}/${name}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const resourceID = count === 1 ? base : `${base}@${source.file}#${source.documentIndex}`;
    return { index, object, apiVersion, kind, name, namespace, labels, resourceID, source };
  });
}
