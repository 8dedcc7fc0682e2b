import { control } from "../../../dsl/index.js";
import { podSecurityViolationsSince } from "./shared/pod-security.js";

export default control({
  id: "C-0201",
  name: "Minimize the admission of containers with capabilities assigned",
  baseScore: 5,
  category: "Workload",
  description:
    "Containers start with the runtime's default capabilities (NET_RAW, CHOWN, SETUID and others) unless they drop them. Pod Security Admission requires capabilities.drop to list ALL in a namespace labelled pod-security.kubernetes.io/enforce=restricted, in the Pod Security Standards v1.22 and later.",
  remediation:
    "Label the namespace pod-security.kubernetes.io/enforce=restricted, after the warn label with the same level shows that its workloads comply, and leave pod-security.kubernetes.io/enforce-version unset or latest.",
  kinds: ["Namespace"],
  check(namespace) {
    return podSecurityViolationsSince(
      namespace,
      "restricted",
      "containers that keep the runtime's default capabilities (drop does not list ALL)",
      "v1.22",
      "^v1\\.([0-9]|1[0-9]|2[01])$",
    );
  },
});
