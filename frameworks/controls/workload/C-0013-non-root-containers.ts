import { control, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { mayRunAsRoot } from "./shared/security-context.js";

export default control({
  id: "C-0013",
  name: "Non-root containers",
  baseScore: 6,
  category: "Workload",
  description:
    "A container running as root (UID 0) or with the root group (GID 0) turns any escape into root on the node and can read and write files owned by root. A container counts as non-root when runAsNonRoot is true or runAsUser is above 0, and runAsGroup is above 0, each read from its own securityContext or, where it sets none, from the pod's.",
  remediation:
    "Set runAsNonRoot: true (and a non-zero runAsUser where the image has no non-root user) and a non-zero runAsGroup in the pod or container securityContext.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return mayRunAsRoot(workload);
  },
});
