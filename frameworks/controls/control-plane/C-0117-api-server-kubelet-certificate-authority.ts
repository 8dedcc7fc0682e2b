import { commandFlag, control } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { unsetViolations } from "./shared/flags.js";

export default control({
  id: "C-0117",
  name: "Ensure that the API Server --kubelet-certificate-authority argument is set as appropriate",
  baseScore: 8,
  category: "Control plane",
  description:
    "Without --kubelet-certificate-authority the API server does not verify the kubelets' serving certificates, so whoever sits between it and a node can pose as that kubelet and read what exec and logs return.",
  remediation:
    "Set --kubelet-certificate-authority of kube-apiserver to the CA that signs the kubelets' serving certificates.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) =>
      unsetViolations(
        "kube-apiserver",
        [commandFlag(ref, "--kubelet-certificate-authority")],
        ["<path/to/ca.crt>"],
        "it does not verify the kubelets' serving certificates",
      ),
    );
  },
});
