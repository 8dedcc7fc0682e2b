import { control, violation } from "../../../dsl/index.js";
import { namespaceHasNetworkPolicy } from "./shared/namespaces.js";

export default control({
  id: "C-0206",
  name: "Ensure that all Namespaces have Network Policies defined",
  baseScore: 4,
  category: "Network",
  description:
    "The CIS benchmark asks for a network policy in every namespace, so that no namespace is left open to all traffic by default. A namespace counts as covered when it holds a NetworkPolicy or CiliumNetworkPolicy, or a CiliumClusterwideNetworkPolicy enforces policy on all its endpoints.",
  remediation:
    "Create at least one NetworkPolicy in each namespace, such as a default deny for ingress and egress, and allow the required flows explicitly.",
  // Only namespaces are judged and counted, as Kubescape counts this rule (its nsa and mitre scores
  // on the live cluster come out only so); the policies are looked up.
  kinds: ["Namespace"],
  check(object, context) {
    const name = object.metadata?.name ?? "";
    return namespaceHasNetworkPolicy(context, name)
      ? []
      : [violation(`namespace "${name}" has no network policy`, { paths: ["metadata"] })];
  },
});
