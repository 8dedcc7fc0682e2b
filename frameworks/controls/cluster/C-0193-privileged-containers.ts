import { control } from "../../../dsl/index.js";
import { podSecurityLevelViolations } from "./shared/pod-security.js";

export default control({
  id: "C-0193",
  name: "Minimize the admission of privileged containers",
  baseScore: 8,
  category: "Workload",
  description:
    "A privileged container holds every capability and the node's devices: whoever runs code in it can take over the node. Pod Security Admission refuses privileged containers in a namespace labelled pod-security.kubernetes.io/enforce with baseline or restricted.",
  remediation:
    "Label the namespace pod-security.kubernetes.io/enforce=baseline (or restricted), after the warn label with the same level shows that its workloads comply.",
  kinds: ["Namespace"],
  check(namespace) {
    return podSecurityLevelViolations(namespace, "baseline", "privileged containers");
  },
});
