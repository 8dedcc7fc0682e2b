import {
  control,
  mapSelectorMatches,
  namespaceOf,
  podMetadata,
  violation,
  WORKLOAD_KINDS_WITH_RC,
} from "../../../dsl/index.js";
import { namespaceInScan, workloadsIn } from "./shared/scope.js";

export default control({
  id: "C-0293",
  name: "Service with no workload",
  baseScore: 3,
  category: "Workload",
  description:
    "A Service whose spec.selector matches the pod labels of no workload in its namespace has no endpoints: traffic sent to it fails, and it is often left over from a removed or renamed workload. Services without a selector, and ExternalName Services, are not judged.",
  remediation:
    "Correct the Service's spec.selector to the pod template labels of the workload it fronts, or delete the Service.",
  // The workloads are counted and pass, as in Kubescape: the Services are what is judged.
  kinds: [...WORKLOAD_KINDS_WITH_RC, "Service"],
  check(object, context) {
    if (object.kind !== "Service" || object.spec?.type === "ExternalName") return [];
    const selector = object.spec?.selector ?? {};
    const namespace = namespaceOf(object);
    const workloads = workloadsIn(context, namespace);
    if (workloads.some((workload) => mapSelectorMatches(selector, podMetadata(workload)?.labels))) return [];
    // No selector selects nothing on purpose; no workload of the namespace in the scan says nothing.
    if (Object.entries(selector).length === 0 || (workloads.length === 0 && !namespaceInScan(context, namespace)))
      return [];
    const absent = Object.entries(selector).filter(
      ([key, value]) => !workloads.some((workload) => podMetadata(workload)?.labels?.[key] === value),
    );
    return absent.length > 0
      ? absent.map(([key, value]) =>
          violation(`no workload in namespace "${namespace}" has the pod label ${key}=${value} this Service selects`, {
            paths: ["spec.selector"],
          }),
        )
      : [
          violation(`no workload in namespace "${namespace}" has all the pod labels this Service selects`, {
            paths: ["spec.selector"],
          }),
        ];
  },
});
