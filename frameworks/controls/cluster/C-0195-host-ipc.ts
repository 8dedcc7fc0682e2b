import { control } from "../../../dsl/index.js";
import { podSecurityLevelViolations } from "./shared/pod-security.js";

export default control({
  id: "C-0195",
  name: "Minimize the admission of containers wishing to share the host IPC namespace",
  baseScore: 5,
  category: "Workload",
  description:
    "A pod with hostIPC reads and writes the shared memory and message queues of every process on its node. Pod Security Admission refuses hostIPC in a namespace labelled pod-security.kubernetes.io/enforce with baseline or restricted.",
  remediation:
    "Label the namespace pod-security.kubernetes.io/enforce=baseline (or restricted), after the warn label with the same level shows that its workloads comply.",
  kinds: ["Namespace"],
  check(namespace) {
    return podSecurityLevelViolations(namespace, "baseline", "pods that share the host's IPC namespace (hostIPC)");
  },
});
