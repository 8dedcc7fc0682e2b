// The Services that send traffic to a workload's pods (C-0021, C-0042).
import { type CheckContext, type KindMap, namespaceOf, podMetadata, type Workload } from "../../../../dsl/index.js";

export type Service = KindMap["Service"];

/** Whether a Service selects pods with these labels; a Service without a selector selects none. */
export function serviceSelects(service: Service, labels: Readonly<Record<string, string>> | undefined): boolean {
  const selector = Object.entries(service.spec?.selector ?? {});
  return selector.length > 0 && selector.every(([key, value]) => labels?.[key] === value);
}

/** The Services of the workload's namespace that select its pods. */
export function servicesOf(workload: Workload, context: CheckContext): readonly Service[] {
  const labels = podMetadata(workload)?.labels;
  return context.objectsIn("Service", namespaceOf(workload)).filter((service) => serviceSelects(service, labels));
}
