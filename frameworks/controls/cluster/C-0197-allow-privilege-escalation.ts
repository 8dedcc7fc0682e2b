import { control } from "../../../dsl/index.js";
import { podSecurityViolationsSince } from "./shared/pod-security.js";

export default control({
  id: "C-0197",
  name: "Minimize the admission of containers with allowPrivilegeEscalation",
  baseScore: 6,
  category: "Workload",
  description:
    "A container that does not set allowPrivilegeEscalation to false lets its processes gain privileges through setuid binaries. Pod Security Admission refuses such containers in a namespace labelled pod-security.kubernetes.io/enforce=restricted, in the Pod Security Standards v1.8 and later.",
  remediation:
    "Label the namespace pod-security.kubernetes.io/enforce=restricted, after the warn label with the same level shows that its workloads comply, and leave pod-security.kubernetes.io/enforce-version unset or latest.",
  kinds: ["Namespace"],
  check(namespace) {
    return podSecurityViolationsSince(
      namespace,
      "restricted",
      "containers that allow privilege escalation",
      "v1.8",
      "^v1\\.[0-7]$",
    );
  },
});
