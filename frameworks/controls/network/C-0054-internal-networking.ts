import { control, violation } from "../../../dsl/index.js";
import { namespaceHasNetworkPolicy } from "./shared/namespaces.js";

export default control({
  id: "C-0054",
  name: "Cluster internal networking",
  baseScore: 4,
  category: "Network",
  description:
    "Without a network policy in a namespace, every pod there can reach, and be reached from, every other pod of the cluster: an attacker in one container can move laterally and map the network. A namespace counts as covered when it holds a NetworkPolicy or CiliumNetworkPolicy, or a CiliumClusterwideNetworkPolicy enforces policy on all its endpoints.",
  remediation:
    "Add a NetworkPolicy to each namespace, for example a default deny (podSelector: {}, policyTypes: [Ingress, Egress]), then allow the flows the workloads need.",
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
