import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { ownedBy } from "./shared/files.js";

export default control({
  id: "C-0095",
  name: "Ensure that the controller manager pod specification file ownership is set to root:root",
  baseScore: 6,
  category: "Control plane",
  description:
    "The owner of the controller manager's static pod manifest can change its permissions and so what the kubelet runs as the controller manager: only root should own it.",
  remediation:
    "On each control-plane node, run chown root:root /etc/kubernetes/manifests/kube-controller-manager.yaml.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    return ownedBy(info.data?.controllerManagerInfo?.specsFile, "data.controllerManagerInfo.specsFile", "root", "root");
  },
});
