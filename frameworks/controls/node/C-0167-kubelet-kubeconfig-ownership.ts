import { control } from "../../../dsl/index.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { ownedBy } from "./shared/files.js";

export default control({
  id: "C-0167",
  name: "Ensure that the --kubeconfig kubelet.conf file ownership is set to root:root",
  baseScore: 6,
  category: "Control plane",
  description:
    "The owner of the kubelet's kubeconfig can make the node's credentials readable to anyone: only root should own it.",
  remediation:
    "On each node, run chown root:root /etc/kubernetes/kubelet.conf (the file of the kubelet's --kubeconfig).",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    return ownedBy(info.data?.kubeConfigFile, "data.kubeConfigFile", "root", "root");
  },
});
