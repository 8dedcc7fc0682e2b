import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { permissionsAtMost } from "./shared/files.js";

export default control({
  id: "C-0104",
  name: "Ensure that the admin.conf file permissions are set to 600",
  baseScore: 7,
  category: "Control plane",
  description:
    "admin.conf on a control-plane node holds the credentials of a cluster administrator: any local user who can read it controls the cluster.",
  remediation: "On each control-plane node, run chmod 600 /etc/kubernetes/admin.conf.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    return permissionsAtMost(info.data?.adminConfigFile, "data.adminConfigFile", 0o600);
  },
});
