import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { permissionsAtMost } from "./shared/files.js";

export default control({
  id: "C-0092",
  name: "Ensure that the API server pod specification file permissions are set to 600 or more restrictive",
  baseScore: 6,
  category: "Control plane",
  description:
    "The kubelet runs the API server from its static pod manifest: a local user who can write it runs any command, with any flag, as the API server; one who can read it learns the server's files and settings.",
  remediation: "On each control-plane node, run chmod 600 /etc/kubernetes/manifests/kube-apiserver.yaml.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    return permissionsAtMost(info.data?.APIServerInfo?.specsFile, "data.APIServerInfo.specsFile", 0o600);
  },
});
