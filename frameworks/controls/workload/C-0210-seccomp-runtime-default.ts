import { control, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { seccompNotRuntimeDefault } from "./shared/seccomp.js";

export default control({
  id: "C-0210",
  name: "Ensure that the seccomp profile is set to docker/default in your pod definitions",
  baseScore: 4,
  category: "Workload",
  description:
    "The container runtime's default seccomp profile (RuntimeDefault, formerly docker/default) blocks the system calls containers do not need. Each container's profile, from its own securityContext or else the pod's, must be RuntimeDefault; Unconfined and Localhost profiles fail. Windows pods, which cannot set a profile, pass.",
  remediation:
    "Set securityContext.seccompProfile.type: RuntimeDefault in the pod spec, and remove container profiles of other types.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return seccompNotRuntimeDefault(workload);
  },
});
