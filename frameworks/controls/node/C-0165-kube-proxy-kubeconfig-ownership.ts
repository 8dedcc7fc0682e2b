import { control } from "../../../dsl/index.js";
import { KUBE_PROXY_FACTS } from "./shared/facts.js";
import { ownedBy } from "./shared/files.js";

export default control({
  id: "C-0165",
  name: "If proxy kubeconfig file exists ensure ownership is set to root:root",
  baseScore: 6,
  category: "Control plane",
  description:
    "The owner of kube-proxy's kubeconfig can make its credentials readable to anyone: only root should own it.",
  remediation: "On each node where kube-proxy reads a kubeconfig file (--kubeconfig), run chown root:root on it.",
  kinds: ["KubeProxyInfo"],
  requires: [KUBE_PROXY_FACTS],
  check(info) {
    return ownedBy(info.data?.kubeConfigFile, "data.kubeConfigFile", "root", "root");
  },
});
