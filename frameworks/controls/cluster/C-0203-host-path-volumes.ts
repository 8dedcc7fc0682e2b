import { control } from "../../../dsl/index.js";
import { podSecurityLevelViolations } from "./shared/pod-security.js";

export default control({
  id: "C-0203",
  name: "Minimize the admission of HostPath volumes",
  baseScore: 6,
  category: "Workload",
  description:
    "A hostPath volume exposes the node's files to the pod: credentials, the container runtime's socket, other pods' data. Pod Security Admission refuses hostPath volumes in a namespace labelled pod-security.kubernetes.io/enforce with baseline or restricted.",
  remediation:
    "Label the namespace pod-security.kubernetes.io/enforce=baseline (or restricted), after the warn label with the same level shows that its workloads comply.",
  kinds: ["Namespace"],
  check(namespace) {
    return podSecurityLevelViolations(namespace, "baseline", "pods that mount hostPath volumes");
  },
});
