import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { ownedBy } from "./shared/files.js";

export default control({
  id: "C-0107",
  name: "Ensure that the scheduler.conf file ownership is set to root:root",
  baseScore: 6,
  category: "Control plane",
  description:
    "The owner of scheduler.conf can make the scheduler's credentials readable to anyone: only root should own it.",
  remediation: "On each control-plane node, run chown root:root /etc/kubernetes/scheduler.conf.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    return ownedBy(info.data?.schedulerInfo?.configFile, "data.schedulerInfo.configFile", "root", "root");
  },
});
