// `--format json --format-version kubescape-v2`: the scan in the shape of Kubescape's JSON
// report v2 (opa-utils `reporthandling/v2.PostureReport`, with `results/v1/reportsummary` and
// `results/v1/resourcesresults`), for tools that already read Kubescape reports.
//
// Kubescape's meanings are kept: `score` is the risk score (0 is no risk) and `complianceScore`
// the compliance score; a failure an exception accepts is `passed` with subStatus
// `w/exceptions` and counts in `subStatusCounters.ignoredResources`. Rampart's own difference
// stays: controls that were not evaluated (skipped) are left out of the means. A score that
// cannot be computed (nothing evaluated) is 0, as Kubescape writes it.
import { createHash } from "node:crypto";
import path from "node:path";
import { policyName } from "../../compiler/backends/admission.js";
import { isChoiceFix, isRemoveFix } from "../../dsl/index.js";
import { CLUSTER_SOURCE } from "../input/load.js";
import { type ControlResult, isFailing, type ResourceResult, type ScannedObject, type ScanResult } from "../scan.js";
import { riskScore, rounded, SEVERITY_ORDER, type Severity } from "../score.js";
import type { ReportContext } from "./json.js";
import { objectCounts } from "./summary.js";

export const KUBESCAPE_STATUS = { passed: "passed", failed: "failed", skipped: "skipped" } as const;
type KubescapeStatus = (typeof KUBESCAPE_STATUS)[keyof typeof KUBESCAPE_STATUS];
const WITH_EXCEPTIONS = "w/exceptions";

interface StatusCounters {
  readonly passedResources: number;
  readonly failedResources: number;
  readonly skippedResources: number;
  /** Deprecated in Kubescape; always 0 (accepted failures are passed, subStatus w/exceptions). */
  readonly excludedResources: number;
}

const SEVERITY_COUNTER: Record<Severity, string> = {
  Critical: "criticalSeverity",
  High: "highSeverity",
  Medium: "mediumSeverity",
  Low: "lowSeverity",
};

function score(value: number | null): number {
  return rounded(value) ?? 0;
}

/** A resource's verdict for one control, in Kubescape's words. */
function resourceStatus(resource: ResourceResult): KubescapeStatus {
  switch (resource.status) {
    case "passed":
    case "excepted":
      return "passed";
    case "failed":
    case "error":
      return "failed";
  }
}

/** Per resource over several controls: failed when one fails; an accepted failure is a pass. */
function resourceCounters(controls: readonly ControlResult[]): StatusCounters {
  const counts = objectCounts(controls);
  return {
    passedResources: counts.passed + counts.excepted,
    failedResources: counts.failed,
    skippedResources: 0,
    excludedResources: 0,
  };
}

function overallStatus(counters: StatusCounters): KubescapeStatus {
  return counters.failedResources > 0 ? "failed" : "passed";
}

function controlRisk(entry: ControlResult): number {
  return entry.risk === null ? 0 : score(riskScore([entry.risk]));
}

/** Kubescape's `info` for an evaluated control: what part of it the input could not judge. */
function note(entry: ControlResult): { info?: string } {
  return entry.statusReason === undefined ? {} : { info: entry.statusReason };
}

function controlSummary(entry: ControlResult) {
  const { control } = entry;
  const accepted = entry.counts.excepted;
  const statusInfo =
    entry.status === "skipped"
      ? { status: KUBESCAPE_STATUS.skipped, info: entry.statusReason ?? "not evaluated" }
      : entry.status === "passed" && accepted > 0
        ? { status: KUBESCAPE_STATUS.passed, subStatus: WITH_EXCEPTIONS, ...note(entry) }
        : { status: KUBESCAPE_STATUS[entry.status], ...note(entry) };
  return {
    statusInfo,
    controlID: control.id,
    name: control.name,
    status: KUBESCAPE_STATUS[entry.status],
    resourceIDs: {},
    ResourceCounters: {
      passedResources: entry.counts.passed + accepted,
      failedResources: entry.counts.failed,
      skippedResources: 0,
      excludedResources: 0,
    } satisfies StatusCounters,
    subStatusCounters: { ignoredResources: accepted },
    score: controlRisk(entry),
    ...(entry.complianceScore === null ? {} : { complianceScore: score(entry.complianceScore) }),
    scoreFactor: control.baseScore,
    category: { name: control.category },
  };
}

function controlSummaries(controls: readonly ControlResult[]) {
  return Object.fromEntries(controls.map((entry) => [entry.control.id, controlSummary(entry)]));
}

function severityCounters(counts: ReadonlyMap<Severity, number>) {
  return Object.fromEntries(SEVERITY_ORDER.map((severity) => [SEVERITY_COUNTER[severity], counts.get(severity) ?? 0]));
}

function summaryDetails(result: ScanResult) {
  const failedControls = new Map<Severity, number>();
  const failedResources = new Map<Severity, number>();
  for (const entry of result.controls) {
    if (entry.status !== "failed") continue;
    failedControls.set(entry.severity, (failedControls.get(entry.severity) ?? 0) + 1);
    const failing = entry.resources.filter(isFailing).length;
    failedResources.set(entry.severity, (failedResources.get(entry.severity) ?? 0) + failing);
  }
  const counters = resourceCounters(result.controls);
  return {
    controls: controlSummaries(result.controls),
    status: overallStatus(counters),
    frameworks: result.frameworks.map((framework) => {
      const frameworkCounters = resourceCounters(framework.controls);
      return {
        controls: controlSummaries(framework.controls),
        name: framework.framework.title,
        status: overallStatus(frameworkCounters),
        version: "",
        ResourceCounters: frameworkCounters,
        score: score(framework.riskScore),
        complianceScore: score(framework.complianceScore),
      };
    }),
    resourcesSeverityCounters: severityCounters(failedResources),
    controlsSeverityCounters: severityCounters(failedControls),
    ResourceCounters: counters,
    score: score(result.riskScore),
    complianceScore: score(result.complianceScore),
  };
}

/** Failing paths and fixes: a path that has a fix is given as its fixPath (or deletePath) only. */
function rulePaths(resource: ResourceResult) {
  const paths: Array<{ failedPath: string } | { fixPath: { path: string; value: string } } | { deletePath: string }> =
    [];
  for (const violation of resource.violations) {
    const fixed = new Set(violation.fixes.map((fix) => fix.path));
    for (const failed of violation.paths) if (!fixed.has(failed)) paths.push({ failedPath: failed });
    for (const fix of violation.fixes)
      paths.push(
        isRemoveFix(fix)
          ? { deletePath: fix.path }
          : // Kubescape writes YOUR_VALUE where the user chooses the value.
            { fixPath: { path: fix.path, value: isChoiceFix(fix) ? "YOUR_VALUE" : fix.value } },
      );
  }
  return paths;
}

/** The name the compiler gives the control's policies (its admission policy, its Gatekeeper template). */
function ruleName(entry: ControlResult): string {
  return policyName(entry.control.id);
}

function associatedControl(entry: ControlResult, resource: ResourceResult) {
  const status = resourceStatus(resource);
  const subStatus = resource.status === "excepted" ? { subStatus: WITH_EXCEPTIONS } : {};
  const paths = status === "failed" || resource.status === "excepted" ? rulePaths(resource) : [];
  const exception =
    resource.exception === undefined
      ? {}
      : {
          exception: [
            {
              name: resource.exception.name,
              policyType: "postureExceptionPolicy",
              actions: ["alertOnly"],
              reason: resource.exception.justification,
            },
          ],
        };
  return {
    controlID: entry.control.id,
    name: entry.control.name,
    status: { status, ...subStatus },
    rules: [
      {
        name: ruleName(entry),
        status,
        ...subStatus,
        ...(paths.length === 0 ? {} : { paths }),
        ...exception,
      },
    ],
  };
}

function results(result: ScanResult) {
  const byObject = new Map<number, ReturnType<typeof associatedControl>[]>();
  for (const entry of result.controls) {
    for (const resource of entry.resources) {
      const list = byObject.get(resource.object.index) ?? [];
      list.push(associatedControl(entry, resource));
      byObject.set(resource.object.index, list);
    }
  }
  return [...result.objects, ...result.subjects].flatMap((object) => {
    const controls = byObject.get(object.index);
    return controls === undefined ? [] : [{ resourceID: object.resourceID, controls }];
  });
}

/** The file relative to the scan target (folder) it was found in, as Kubescape's relativePath. */
function relativePath(file: string, targets: readonly string[]): string {
  for (const target of targets) {
    const relative = path.relative(target, file);
    if (relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative)) return relative;
  }
  return path.basename(file);
}

function resource(object: ScannedObject, targets: readonly string[]) {
  const { file } = object.source;
  // Objects of a live cluster have no file, as in Kubescape's reports of cluster scans.
  if (file === CLUSTER_SOURCE) return { resourceID: object.resourceID, object: object.object };
  return {
    resourceID: object.resourceID,
    // An RBAC subject with its binding as a related object, as Kubescape writes one.
    object:
      object.grantedBy === undefined
        ? object.object
        : { ...object.object, relatedObjects: [object.grantedBy.binding.object] },
    source: {
      path: file,
      relativePath: relativePath(file, targets),
      fileType: /\.json$/i.test(file) ? "JSON" : "YAML",
    },
  };
}

/** A GUID derived from what identifies the report, so that rendering stays a pure function. */
function reportGuid(result: ScanResult, context: ReportContext): string {
  const hex = createHash("sha256")
    .update(JSON.stringify([context.scanDate.toISOString(), context.clusterName, context.targets, result.total]))
    .digest("hex");
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function kubescapeV2Report(result: ScanResult, context: ReportContext & { readonly verbose?: boolean }) {
  const byFramework = result.frameworks.length > 0;
  return {
    customerGUID: "",
    clusterName: context.clusterName,
    clusterCloudProvider: "",
    reportGUID: reportGuid(result, context),
    jobID: "",
    clusterAPIServerInfo: null,
    generationTime: context.scanDate.toISOString(),
    summaryDetails: summaryDetails(result),
    results: results(result),
    resources: [...result.objects, ...result.subjects].map((object) => resource(object, context.targets)),
    metadata: {
      scanMetadata: {
        format: "json",
        formatVersion: "v2",
        targetType: byFramework ? "framework" : "control",
        targetNames: byFramework
          ? result.frameworks.map((framework) => framework.framework.name)
          : result.controls.map((entry) => entry.control.id),
        ...(context.verbose === true ? { verboseMode: true } : {}),
      },
      clusterMetadata: {},
    },
  };
}

export type KubescapeV2Report = ReturnType<typeof kubescapeV2Report>;
