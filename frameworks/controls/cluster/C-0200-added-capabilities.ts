import { control } from "../../../dsl/index.js";
import { podSecurityViolationsSince } from "./shared/pod-security.js";

export default control({
  id: "C-0200",
  name: "Minimize the admission of containers with added capabilities",
  baseScore: 5,
  category: "Workload",
  description:
    "Each capability a container adds is a kernel privilege its processes can use against the node. Pod Security Admission lets containers add only NET_BIND_SERVICE in a namespace labelled pod-security.kubernetes.io/enforce=restricted, in the Pod Security Standards v1.22 and later.",
  remediation:
    "Label the namespace pod-security.kubernetes.io/enforce=restricted, after the warn label with the same level shows that its workloads comply, and leave pod-security.kubernetes.io/enforce-version unset or latest.",
  kinds: ["Namespace"],
  check(namespace) {
    return podSecurityViolationsSince(
      namespace,
      "restricted",
      "containers that add capabilities other than NET_BIND_SERVICE",
      "v1.22",
      "^v1\\.([0-9]|1[0-9]|2[01])$",
    );
  },
});
