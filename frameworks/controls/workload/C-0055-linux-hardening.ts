import { control, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { seccompUnconfined } from "./shared/seccomp.js";

export default control({
  id: "C-0055",
  name: "Linux hardening",
  baseScore: 4,
  category: "Workload",
  description:
    "Without a seccomp profile a container may call every system call of the node's kernel, the surface most container escapes go through. Every container, init and ephemeral ones included, must run with a seccomp profile other than Unconfined, set in its securityContext or the pod's; SELinux, AppArmor or dropped capabilities do not replace it (as in Kubescape's rule). Windows pods, which cannot set a profile, pass.",
  remediation:
    "Set securityContext.seccompProfile.type: RuntimeDefault in the pod spec (or a Localhost profile), and do not override it with Unconfined in a container.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return seccompUnconfined(workload);
  },
});
