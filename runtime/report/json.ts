// The JSON report. Its shape answers, as they are, the jq recipes our users' documentation
// gives for Kubescape (kept in test/e2e/jq-contract.test.ts), and adds coverage and sources.
import { DOCUMENTED_DEFAULTS, violationPatch } from "../fix/plan.js";
import type { ControlResult, ResourceResult, ScannedObject, ScanResult, Scores } from "../scan.js";
import { rounded } from "../score.js";
import { jsonPieces, StreamedList } from "./json-text.js";
import { controlCounts, coverageText, exceptionStatus, failedBySeverity, objectCounts } from "./summary.js";

export const REPORT_VERSION = "rampart.dev/report/v1";

export interface ReportContext {
  readonly version: string;
  readonly scanDate: Date;
  readonly clusterName: string;
  readonly targets: readonly string[];
}

function coverage(scores: Scores) {
  return { evaluated: scores.evaluated, total: scores.total, text: coverageText(scores) };
}

function scoreFields(scores: Scores) {
  const score = rounded(scores.complianceScore);
  return { score, complianceScore: score, riskScore: rounded(scores.riskScore) };
}

export function identity(object: ScannedObject) {
  return {
    resourceID: object.resourceID,
    apiVersion: object.apiVersion,
    kind: object.kind,
    name: object.name,
    namespace: object.namespace ?? null,
  };
}

export function sourceOf(object: ScannedObject) {
  const { file, documentIndex, line, itemIndex, template } = object.source;
  return {
    file,
    documentIndex,
    line,
    ...(itemIndex === undefined ? {} : { itemIndex }),
    ...(template === undefined ? {} : { template }),
  };
}

/** An RBAC subject's binding and entry (runtime/subjects.ts); nothing for other objects. */
function grantOf(object: ScannedObject) {
  if (object.grantedBy === undefined) return {};
  const { binding, path } = object.grantedBy;
  const { resourceID, kind, name, namespace } = identity(binding);
  return { grantedBy: { resourceID, kind, name, namespace, path } };
}

/** The entry of a pass, made once per object (passes are shared: scan.ts). */
const PASSED_ENTRIES = new WeakMap<ResourceResult, ReturnType<typeof entryOf>>();

function resource(result: ResourceResult) {
  if (result.status !== "passed") return entryOf(result);
  let entry = PASSED_ENTRIES.get(result);
  if (entry === undefined) {
    // Frozen: its text is made once too (json-text.ts).
    entry = Object.freeze(entryOf(result));
    PASSED_ENTRIES.set(result, entry);
  }
  return entry;
}

function entryOf(result: ResourceResult) {
  const excepted = result.status === "excepted";
  return {
    ...identity(result.object),
    // A failure an exception accepts is "passed with exception", as Kubescape reports it.
    status: excepted ? "passed" : result.status,
    ...(excepted ? { subStatus: "w/exceptions", exception: result.exception } : {}),
    source: sourceOf(result.object),
    ...grantOf(result.object),
    ...(result.status === "failed" || excepted
      ? {
          violations: result.violations.map((violation) => {
            // The RFC 6902 patch that fixes the violation on the object as scanned (a value to
            // choose taken at its documented default): what `rampart fix --kubectl` applies.
            const patch = violationPatch(result.object, violation, DOCUMENTED_DEFAULTS);
            return {
              message: violation.message,
              paths: violation.paths,
              fixes: violation.fixes,
              ...(patch === undefined || patch.length === 0 ? {} : { patch }),
            };
          }),
        }
      : {}),
    ...(result.error === undefined ? {} : { error: result.error }),
  };
}

function control<Resources>(result: ControlResult, resources: Resources) {
  const { control: selected } = result;
  return {
    controlID: selected.id,
    name: selected.name,
    severity: result.severity,
    baseScore: selected.baseScore,
    category: selected.category,
    status: result.status,
    ...(result.statusReason === undefined ? {} : { statusReason: result.statusReason }),
    action: result.action,
    frameworks: selected.frameworks,
    complianceScore: rounded(result.complianceScore),
    description: selected.control?.description ?? null,
    remediation: selected.control?.remediation ?? null,
    resourceCounters: result.counts,
    resources,
  };
}

/** Objects that fail at least one control, and all objects some control evaluated. */
function resourceCounts(result: ScanResult) {
  const counts = objectCounts(result.controls);
  return { passed: counts.total - counts.failed, failed: counts.failed, total: counts.total };
}

export function jsonReport(result: ScanResult, context: ReportContext) {
  return reportWith(
    result,
    context,
    result.controls.map((entry) => control(entry, entry.resources.map(resource))),
  );
}

/** The text of jsonReport (compact), written resource by resource. */
export function jsonReportText(result: ScanResult, context: ReportContext): Iterable<string> {
  const results = new StreamedList(result.controls, (entry: ControlResult) =>
    control(entry, new StreamedList(entry.resources, resource)),
  );
  return jsonPieces(reportWith(result, context, results));
}

function reportWith<Results>(result: ScanResult, context: ReportContext, results: Results) {
  return {
    reportVersion: REPORT_VERSION,
    generatedBy: { name: "rampart", version: context.version },
    clusterName: context.clusterName,
    scanDate: context.scanDate.toISOString(),
    scanTargets: context.targets,
    summaryDetails: {
      ...scoreFields(result),
      controls: controlCounts(result.controls),
      resources: resourceCounts(result),
      coverage: coverage(result),
      exceptions: {
        applied: result.exceptions.reduce((sum, use) => sum + use.applied, 0),
        unused: result.exceptions.filter((use) => !use.expired && use.applied === 0).length,
        expired: result.exceptions.filter((use) => use.expired).length,
      },
      failedControlsBySeverity: Object.fromEntries(
        failedBySeverity(result.controls).map(([severity, count]) => [severity.toLowerCase(), count]),
      ),
      frameworks: result.frameworks.map((framework) => ({
        name: framework.framework.name,
        title: framework.framework.title,
        ...scoreFields(framework),
        controls: controlCounts(framework.controls),
        coverage: coverage(framework),
      })),
    },
    exceptions: result.exceptions.map((use) => ({
      name: use.rule.name,
      where: use.rule.where,
      justification: use.rule.justification,
      expires: use.rule.expires?.toISOString() ?? null,
      status: use.expired ? "expired" : use.applied > 0 ? "applied" : "unused",
      applied: use.applied,
      controls: use.controls,
      statusText: exceptionStatus(use),
    })),
    results,
    resources: [...result.objects, ...result.subjects].map((object) => ({
      ...identity(object),
      source: sourceOf(object),
      ...grantOf(object),
    })),
    skippedInputs: result.skippedInputs,
  };
}

export type JsonReport = ReturnType<typeof jsonReport>;
