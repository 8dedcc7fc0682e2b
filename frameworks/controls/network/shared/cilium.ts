// Cilium network policies, as the network controls read them.
import type { CiliumNetworkPolicy } from "../../../../dsl/kinds.js";

/** The rules of a Cilium policy: `spec` and `specs` may both be present. */
export function ciliumRules(policy: CiliumNetworkPolicy) {
  return [...(policy.spec !== undefined ? [policy.spec] : []), ...(policy.specs ?? [])];
}

/** The label Cilium gives every endpoint with its namespace (plain, and with its `k8s:` source prefix). */
const NAMESPACE_LABELS = ["io.kubernetes.pod.namespace", "k8s:io.kubernetes.pod.namespace"];

/**
 * Whether a CiliumClusterwideNetworkPolicy enforces policy on every endpoint of `namespace`: one
 * of its rules selects all endpoints (an empty endpointSelector), or exactly those of the
 * namespace (matchLabels holding only Cilium's namespace label, with that namespace), and has
 * ingress or egress rules without turning default deny off in both directions.
 */
export function clusterwidePolicyCovers(policy: CiliumNetworkPolicy, namespace: string): boolean {
  return ciliumRules(policy).some((rule) => {
    const selector = rule.endpointSelector;
    const wholeNamespace =
      selector !== undefined &&
      (selector.matchExpressions ?? []).length === 0 &&
      Object.entries(selector.matchLabels ?? {}).every(
        ([key, value]) => NAMESPACE_LABELS.includes(key) && value === namespace,
      );
    const enforces =
      (rule.ingress !== undefined || rule.egress !== undefined) &&
      !(rule.enableDefaultDeny?.ingress === false && rule.enableDefaultDeny?.egress === false);
    return wholeNamespace && enforces;
  });
}
