import { control, namespaceOf, podMetadata, selectorMatches, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { ciliumRules } from "./shared/cilium.js";

export default control({
  id: "C-0030",
  name: "Ingress and Egress blocked",
  baseScore: 6,
  category: "Network",
  description:
    "Pods that no network policy selects accept traffic from, and send traffic to, anywhere in the cluster. A policy (Kubernetes NetworkPolicy, CiliumNetworkPolicy in the namespace, or CiliumClusterwideNetworkPolicy) must select the pods so that their traffic is restricted.",
  remediation:
    "Add a default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress, Egress]) to each namespace and allow the flows each workload needs.",
  // The policies are counted and pass, as in Kubescape: the workloads are what is judged.
  kinds: [...WORKLOAD_KINDS, "NetworkPolicy", "CiliumNetworkPolicy", "CiliumClusterwideNetworkPolicy"],
  check(workload, context) {
    if (
      workload.kind === "NetworkPolicy" ||
      workload.kind === "CiliumNetworkPolicy" ||
      workload.kind === "CiliumClusterwideNetworkPolicy"
    )
      return [];
    const namespace = namespaceOf(workload);
    const labels = podMetadata(workload)?.labels;
    const selectedByNetworkPolicy = context
      .objectsIn("NetworkPolicy", namespace)
      // A NetworkPolicy without podSelector selects every pod of its namespace, as {} does.
      .some((policy) => selectorMatches(policy.spec?.podSelector ?? {}, labels));
    const selectedByCilium = context
      .objectsIn("CiliumNetworkPolicy", namespace)
      .some((policy) => ciliumRules(policy).some((rule) => selectorMatches(rule.endpointSelector, labels)));
    const selectedClusterwide = context
      .objects("CiliumClusterwideNetworkPolicy")
      .some((policy) => ciliumRules(policy).some((rule) => selectorMatches(rule.endpointSelector, labels)));
    return selectedByNetworkPolicy || selectedByCilium || selectedClusterwide
      ? []
      : [violation("no network policy selects the pods of this workload", { paths: ["metadata"] })];
  },
});
