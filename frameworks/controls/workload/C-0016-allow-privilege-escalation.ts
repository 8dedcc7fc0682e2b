import { control, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { privilegeEscalationAllowed } from "./shared/security-context.js";

export default control({
  id: "C-0016",
  name: "Allow privilege escalation",
  baseScore: 6,
  category: "Workload",
  description:
    "A process in a container that allows privilege escalation can gain more privileges than its parent (for example through setuid binaries), which is a first step towards escaping to the node.",
  remediation: "Set securityContext.allowPrivilegeEscalation to false in every container.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return privilegeEscalationAllowed(workload);
  },
});
