import { control } from "../../../dsl/index.js";
import { podSecurityLevelViolations } from "./shared/pod-security.js";

export default control({
  id: "C-0194",
  name: "Minimize the admission of containers wishing to share the host process ID namespace",
  baseScore: 5,
  category: "Workload",
  description:
    "A pod with hostPID sees every process of its node and can signal or trace them, read their environment and enter their namespaces. Pod Security Admission refuses hostPID in a namespace labelled pod-security.kubernetes.io/enforce with baseline or restricted.",
  remediation:
    "Label the namespace pod-security.kubernetes.io/enforce=baseline (or restricted), after the warn label with the same level shows that its workloads comply.",
  kinds: ["Namespace"],
  check(namespace) {
    return podSecurityLevelViolations(
      namespace,
      "baseline",
      "pods that share the host's process ID namespace (hostPID)",
    );
  },
});
