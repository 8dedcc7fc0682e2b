import { control } from "../../../dsl/index.js";
import { podSecurityLevelViolations } from "./shared/pod-security.js";

export default control({
  id: "C-0198",
  name: "Minimize the admission of root containers",
  baseScore: 6,
  category: "Workload",
  description:
    "A container running as root is one kernel or runtime flaw away from root on its node. Pod Security Admission requires runAsNonRoot: true in a namespace labelled pod-security.kubernetes.io/enforce=restricted.",
  remediation:
    "Label the namespace pod-security.kubernetes.io/enforce=restricted, after the warn label with the same level shows that its workloads comply.",
  kinds: ["Namespace"],
  check(namespace) {
    return podSecurityLevelViolations(namespace, "restricted", "containers that may run as root");
  },
});
