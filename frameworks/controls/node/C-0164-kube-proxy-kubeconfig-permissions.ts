import { control } from "../../../dsl/index.js";
import { KUBE_PROXY_FACTS } from "./shared/facts.js";
import { permissionsAtMost } from "./shared/files.js";

export default control({
  id: "C-0164",
  name: "If proxy kubeconfig file exists ensure permissions are set to 600 or more restrictive",
  baseScore: 6,
  category: "Control plane",
  description:
    "kube-proxy's kubeconfig holds its credentials (where kube-proxy runs from a file on the node): a local user who reads it can act as kube-proxy against the API server.",
  remediation: "On each node where kube-proxy reads a kubeconfig file (--kubeconfig), run chmod 600 on it.",
  kinds: ["KubeProxyInfo"],
  requires: [KUBE_PROXY_FACTS],
  check(info) {
    return permissionsAtMost(info.data?.kubeConfigFile, "data.kubeConfigFile", 0o600);
  },
});
