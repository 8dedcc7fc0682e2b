import type { CiliumNetworkPolicy } from "../../dsl/kinds.js";
import { control, podMetadata, selectorMatches, violation, WORKLOAD_KINDS } from "../../dsl/index.js";

/** The rules of a Cilium policy: `spec` and `specs` may both be present. */
function ciliumRules(policy: CiliumNetworkPolicy) {
  return [...(policy.spec !== undefined ? [policy.spec] : []), ...(policy.specs ?? [])];
}

export default control({
  id: "C-0030",
  name: "Ingress and Egress blocked",
  baseScore: 6,
  category: "Network",
  description:
    "Pods that no network policy selects accept traffic from, and send traffic to, anywhere in the cluster. A policy (Kubernetes NetworkPolicy, CiliumNetworkPolicy in the namespace, or CiliumClusterwideNetworkPolicy) must select the pods so that their traffic is restricted.",
  remediation:
    "Add a default-deny NetworkPolicy (podSelector: {}, policyTypes: [Ingress, Egress]) to each namespace and allow the flows each workload needs.",
  kinds: WORKLOAD_KINDS,
  check(workload, context) {
    const namespace = workload.metadata?.namespace ?? "default";
    const labels = podMetadata(workload)?.labels;
    const selectedByNetworkPolicy = context
      .objects("NetworkPolicy")
      .some(
        (policy) =>
          (policy.metadata?.namespace ?? "default") === namespace && selectorMatches(policy.spec?.podSelector, labels),
      );
    const selectedByCilium = context
      .objects("CiliumNetworkPolicy")
      .some(
        (policy) =>
          (policy.metadata?.namespace ?? "default") === namespace &&
          ciliumRules(policy).some((rule) => selectorMatches(rule.endpointSelector, labels)),
      );
    const selectedClusterwide = context
      .objects("CiliumClusterwideNetworkPolicy")
      .some((policy) => ciliumRules(policy).some((rule) => selectorMatches(rule.endpointSelector, labels)));
    return selectedByNetworkPolicy || selectedByCilium || selectedClusterwide
      ? []
      : [violation("no network policy selects the pods of this workload", { paths: ["metadata"] })];
  },
});
