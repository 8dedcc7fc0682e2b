import type { Workload } from "../../../../dsl/index.js";

/** Dotted path of the labels of the pods a workload runs: `metadata.labels` for a Pod. */
export function podLabelsPath(workload: Workload): string {
  if (workload.kind === "Pod") return "metadata.labels";
  return workload.kind === "CronJob"
    ? "spec.jobTemplate.spec.template.metadata.labels"
    : "spec.template.metadata.labels";
}
