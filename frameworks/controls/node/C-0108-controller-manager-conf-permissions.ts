import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { permissionsAtMost } from "./shared/files.js";

export default control({
  id: "C-0108",
  name: "Ensure that the controller-manager.conf file permissions are set to 600 or more restrictive",
  baseScore: 6,
  category: "Control plane",
  description:
    "controller-manager.conf holds the controller manager's client credentials, which can read every secret and create any workload: no other local user should read it.",
  remediation: "On each control-plane node, run chmod 600 /etc/kubernetes/controller-manager.conf.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    return permissionsAtMost(
      info.data?.controllerManagerInfo?.configFile,
      "data.controllerManagerInfo.configFile",
      0o600,
    );
  },
});
