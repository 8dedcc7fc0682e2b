import { control, fix, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-0061",
  name: "Pods in default namespace",
  baseScore: 3,
  category: "Workload",
  description:
    "Workloads in the default namespace share it with everything created without a namespace, so RBAC, network policies, quotas and Pod Security levels cannot be set for them alone. A manifest without a namespace fails too: it lands in the namespace of whoever applies it, usually default.",
  remediation: "Set metadata.namespace to a namespace of the application's own.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    const namespace = workload.metadata?.namespace;
    if (namespace === undefined)
      return [
        violation(
          `${workload.kind} names no namespace: it lands in the namespace of whoever applies it, usually default`,
          {
            paths: ["metadata.namespace"],
            fixes: [fix("metadata.namespace", "YOUR_NAMESPACE")],
          },
        ),
      ];
    return namespace === "default"
      ? [violation(`${workload.kind} runs its pods in the default namespace`, { paths: ["metadata.namespace"] })]
      : [];
  },
});
