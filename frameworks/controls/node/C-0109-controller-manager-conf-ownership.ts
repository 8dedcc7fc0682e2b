import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { ownedBy } from "./shared/files.js";

export default control({
  id: "C-0109",
  name: "Ensure that the controller-manager.conf file ownership is set to root:root",
  baseScore: 6,
  category: "Control plane",
  description:
    "The owner of controller-manager.conf can make the controller manager's credentials readable to anyone: only root should own it.",
  remediation: "On each control-plane node, run chown root:root /etc/kubernetes/controller-manager.conf.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    return ownedBy(
      info.data?.controllerManagerInfo?.configFile,
      "data.controllerManagerInfo.configFile",
      "root",
      "root",
    );
  },
});
