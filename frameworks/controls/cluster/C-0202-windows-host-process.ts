import { control } from "../../../dsl/index.js";
import { podSecurityLevelViolations } from "./shared/pod-security.js";

export default control({
  id: "C-0202",
  name: "Minimize the admission of Windows HostProcess Containers",
  baseScore: 7,
  category: "Workload",
  description:
    "A Windows HostProcess container runs directly on its node with the host's privileges and network. Pod Security Admission refuses hostProcess in a namespace labelled pod-security.kubernetes.io/enforce with baseline or restricted.",
  remediation:
    "Label the namespace pod-security.kubernetes.io/enforce=baseline (or restricted), after the warn label with the same level shows that its workloads comply.",
  kinds: ["Namespace"],
  check(namespace) {
    return podSecurityLevelViolations(namespace, "baseline", "Windows HostProcess containers");
  },
});
