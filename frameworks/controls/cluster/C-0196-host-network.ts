import { control } from "../../../dsl/index.js";
import { podSecurityLevelViolations } from "./shared/pod-security.js";

export default control({
  id: "C-0196",
  name: "Minimize the admission of containers wishing to share the host network namespace",
  baseScore: 5,
  category: "Workload",
  description:
    "A pod with hostNetwork listens on the node's interfaces, sees its traffic and bypasses network policies. Pod Security Admission refuses hostNetwork in a namespace labelled pod-security.kubernetes.io/enforce with baseline or restricted.",
  remediation:
    "Label the namespace pod-security.kubernetes.io/enforce=baseline (or restricted), after the warn label with the same level shows that its workloads comply.",
  kinds: ["Namespace"],
  check(namespace) {
    return podSecurityLevelViolations(
      namespace,
      "baseline",
      "pods that share the host's network namespace (hostNetwork)",
    );
  },
});
