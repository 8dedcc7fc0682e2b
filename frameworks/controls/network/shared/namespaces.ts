// Whether a namespace has a network policy, as C-0054 and C-0206 judge it.
import type { CheckContext } from "../../../../dsl/index.js";
import { clusterwidePolicyCovers } from "./cilium.js";

/**
 * A namespace is covered when it holds a NetworkPolicy or a CiliumNetworkPolicy (whatever they
 * select), or a CiliumClusterwideNetworkPolicy enforces policy on all its endpoints.
 */
export function namespaceHasNetworkPolicy(context: CheckContext, namespace: string): boolean {
  return (
    context.objectsIn("NetworkPolicy", namespace).length > 0 ||
    context.objectsIn("CiliumNetworkPolicy", namespace).length > 0 ||
    context.objects("CiliumClusterwideNetworkPolicy").some((policy) => clusterwidePolicyCovers(policy, namespace))
  );
}
