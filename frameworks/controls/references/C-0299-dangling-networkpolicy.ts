import {
  control,
  namespaceOf,
  podMetadata,
  selectorMatches,
  violation,
  WORKLOAD_KINDS_WITH_RC,
} from "../../../dsl/index.js";
import { namespaceInScan, workloadsIn } from "./shared/scope.js";

export default control({
  id: "C-0299",
  name: "Dangling NetworkPolicy",
  baseScore: 4,
  category: "Network",
  description:
    "A NetworkPolicy whose podSelector matches the pod labels of no workload in its namespace protects nothing: the pods it was written for run unrestricted, usually after a relabelling. An empty podSelector (every pod of the namespace) is not judged.",
  remediation:
    "Correct spec.podSelector to the pod template labels of the workloads the policy is meant for, or delete the policy.",
  // The workloads are counted and pass, as in Kubescape: the policies are what is judged.
  kinds: [...WORKLOAD_KINDS_WITH_RC, "NetworkPolicy"],
  check(policy, context) {
    if (policy.kind !== "NetworkPolicy") return [];
    const selector = policy.spec?.podSelector;
    // An empty or missing podSelector selects every pod of the namespace, present or future.
    if (Object.entries(selector?.matchLabels ?? {}).length === 0 && (selector?.matchExpressions ?? []).length === 0)
      return [];
    const namespace = namespaceOf(policy);
    const workloads = workloadsIn(context, namespace);
    if (workloads.some((workload) => selectorMatches(selector, podMetadata(workload)?.labels))) return [];
    // No workload of the namespace in the scan says nothing about the pods it has.
    if (workloads.length === 0 && !namespaceInScan(context, namespace)) return [];
    return [
      violation(`the podSelector matches the pod labels of no workload in namespace "${namespace}"`, {
        paths: ["spec.podSelector"],
      }),
    ];
  },
});
