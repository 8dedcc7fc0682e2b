import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { ownedBy } from "./shared/files.js";

export default control({
  id: "C-0105",
  name: "Ensure that the admin.conf file ownership is set to root:root",
  baseScore: 7,
  category: "Control plane",
  description:
    "The owner of admin.conf can make the administrator's credentials it holds readable to anyone: only root should own it.",
  remediation: "On each control-plane node, run chown root:root /etc/kubernetes/admin.conf.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    return ownedBy(info.data?.adminConfigFile, "data.adminConfigFile", "root", "root");
  },
});
