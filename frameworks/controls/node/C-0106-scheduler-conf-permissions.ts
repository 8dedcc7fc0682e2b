import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { permissionsAtMost } from "./shared/files.js";

export default control({
  id: "C-0106",
  name: "Ensure that the scheduler.conf file permissions are set to 600 or more restrictive",
  baseScore: 6,
  category: "Control plane",
  description:
    "scheduler.conf holds the scheduler's client credentials: a local user who reads it can act as the scheduler against the API server.",
  remediation: "On each control-plane node, run chmod 600 /etc/kubernetes/scheduler.conf.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    return permissionsAtMost(info.data?.schedulerInfo?.configFile, "data.schedulerInfo.configFile", 0o600);
  },
});
