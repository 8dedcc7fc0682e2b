import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { permissionsAtMost } from "./shared/files.js";

export default control({
  id: "C-0094",
  name: "Ensure that the controller manager pod specification file permissions are set to 600 or more restrictive",
  baseScore: 6,
  category: "Control plane",
  description:
    "The kubelet runs the controller manager from its static pod manifest: whoever can write the file runs code with the controller manager's credentials, which can create any workload and read every secret.",
  remediation: "On each control-plane node, run chmod 600 /etc/kubernetes/manifests/kube-controller-manager.yaml.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    return permissionsAtMost(
      info.data?.controllerManagerInfo?.specsFile,
      "data.controllerManagerInfo.specsFile",
      0o600,
    );
  },
});
