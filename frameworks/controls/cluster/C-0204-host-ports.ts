import { control } from "../../../dsl/index.js";
import { podSecurityLevelViolations } from "./shared/pod-security.js";

export default control({
  id: "C-0204",
  name: "Minimize the admission of containers which use HostPorts",
  baseScore: 4,
  category: "Workload",
  description:
    "A container with a hostPort listens on its node's address, outside the cluster network and its network policies. Pod Security Admission refuses host ports in a namespace labelled pod-security.kubernetes.io/enforce with baseline or restricted.",
  remediation:
    "Label the namespace pod-security.kubernetes.io/enforce=baseline (or restricted), after the warn label with the same level shows that its workloads comply.",
  kinds: ["Namespace"],
  check(namespace) {
    return podSecurityLevelViolations(namespace, "baseline", "containers that bind host ports");
  },
});
