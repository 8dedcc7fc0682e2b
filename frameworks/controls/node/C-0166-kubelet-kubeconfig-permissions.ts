import { control } from "../../../dsl/index.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { permissionsAtMost } from "./shared/files.js";

export default control({
  id: "C-0166",
  name: "Ensure that the --kubeconfig kubelet.conf file permissions are set to 600 or more restrictive",
  baseScore: 6,
  category: "Control plane",
  description:
    "The kubelet's kubeconfig (--kubeconfig, kubelet.conf) holds the node's credentials: a local user who reads it can act as the node against the API server.",
  remediation: "On each node, run chmod 600 /etc/kubernetes/kubelet.conf (the file of the kubelet's --kubeconfig).",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    return permissionsAtMost(info.data?.kubeConfigFile, "data.kubeConfigFile", 0o600);
  },
});
