import { control, violation } from "../../../dsl/index.js";

export default control({
  id: "C-0073",
  name: "Naked pods",
  baseScore: 3,
  category: "Workload",
  description:
    "A pod that no controller owns (no ownerReferences) is not rescheduled when its node fails or it is evicted, and is not replaced on updates.",
  remediation: "Run the pod through a Deployment, StatefulSet, DaemonSet or Job instead of creating it directly.",
  kinds: ["Pod"],
  check(pod) {
    return (pod.metadata?.ownerReferences ?? []).length === 0
      ? [violation("no controller owns this pod", { paths: ["metadata.ownerReferences"] })]
      : [];
  },
});
