import { control, podSpec, podSpecPath, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-0041",
  name: "HostNetwork access",
  baseScore: 7,
  category: "Workload",
  description:
    "A pod with hostNetwork uses the node's network namespace: it can listen on and sniff the node's interfaces, reach services bound to the node's localhost, and escapes network policies.",
  remediation: "Remove hostNetwork from the pod spec (or set it to false); expose the workload through a Service.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    const path = `${podSpecPath(workload)}.hostNetwork`;
    return podSpec(workload)?.hostNetwork === true
      ? [violation("the pods use the node's network namespace (hostNetwork)", { paths: [path] })]
      : [];
  },
});
