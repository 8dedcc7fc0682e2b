import { control } from "../../../dsl/index.js";
import { podSecurityLevelViolations } from "./shared/pod-security.js";

export default control({
  id: "C-0199",
  name: "Minimize the admission of containers with the NET_RAW capability",
  baseScore: 6,
  category: "Workload",
  description:
    "NET_RAW lets a container forge packets and spoof addresses on its node's network. Pod Security Admission refuses containers that add it in a namespace labelled pod-security.kubernetes.io/enforce with baseline or restricted (restricted also makes every container drop it, with ALL).",
  remediation:
    "Label the namespace pod-security.kubernetes.io/enforce=baseline (or restricted), after the warn label with the same level shows that its workloads comply.",
  kinds: ["Namespace"],
  check(namespace) {
    return podSecurityLevelViolations(namespace, "baseline", "containers that add the NET_RAW capability");
  },
});
