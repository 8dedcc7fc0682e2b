import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { ownedBy } from "./shared/files.js";

export default control({
  id: "C-0093",
  name: "Ensure that the API server pod specification file ownership is set to root:root",
  baseScore: 6,
  category: "Control plane",
  description:
    "The owner of the API server's static pod manifest can change its permissions and so its content, which the kubelet runs as the API server: only root should own it.",
  remediation: "On each control-plane node, run chown root:root /etc/kubernetes/manifests/kube-apiserver.yaml.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    return ownedBy(info.data?.APIServerInfo?.specsFile, "data.APIServerInfo.specsFile", "root", "root");
  },
});
