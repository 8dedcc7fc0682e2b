// The Services that send traffic to a workload's pods (C-0021, C-0042).
import {
  type CheckContext,
  type KindMap,
  mapSelectorMatches,
  namespaceOf,
  podMetadata,
  type Workload,
} from "../../../../dsl/index.js";

export type Service = KindMap["Service"];

/** The Services of the workload's namespace whose selector selects its pods. */
export function servicesOf(workload: Workload, context: CheckContext): readonly Service[] {
  const labels = podMetadata(workload)?.labels;
  return context
    .objectsIn("Service", namespaceOf(workload))
    .filter((service) => mapSelectorMatches(service.spec?.selector, labels));
}
