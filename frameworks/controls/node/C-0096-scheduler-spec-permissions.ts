import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { permissionsAtMost } from "./shared/files.js";

export default control({
  id: "C-0096",
  name: "Ensure that the scheduler pod specification file permissions are set to 600 or more restrictive",
  baseScore: 6,
  category: "Control plane",
  description:
    "The kubelet runs the scheduler from its static pod manifest: whoever can write the file decides where every pod runs and runs code with the scheduler's credentials.",
  remediation: "On each control-plane node, run chmod 600 /etc/kubernetes/manifests/kube-scheduler.yaml.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    return permissionsAtMost(info.data?.schedulerInfo?.specsFile, "data.schedulerInfo.specsFile", 0o600);
  },
});
