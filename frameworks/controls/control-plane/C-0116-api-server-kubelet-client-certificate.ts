import { commandFlags, control } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { unsetViolations } from "./shared/flags.js";

export default control({
  id: "C-0116",
  name: "Ensure that the API Server --kubelet-client-certificate and --kubelet-client-key arguments are set as appropriate",
  baseScore: 7,
  category: "Control plane",
  description:
    "Without --kubelet-client-certificate and --kubelet-client-key the API server calls the kubelets (exec, logs, port-forward) without a client certificate, so kubelets cannot tell it from any other caller.",
  remediation:
    "Set --kubelet-client-certificate and --kubelet-client-key of kube-apiserver to a client certificate and key the kubelets trust (kubeadm: apiserver-kubelet-client.crt and .key).",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) =>
      unsetViolations(
        "kube-apiserver",
        commandFlags(ref, ["--kubelet-client-certificate", "--kubelet-client-key"]),
        ["<path/to/appropriate/file>", "<path/to/appropriate/file>"],
        "it calls kubelets without a client certificate",
      ),
    );
  },
});
