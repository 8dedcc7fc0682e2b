import { commandFlags, control } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { unsetViolations } from "./shared/flags.js";

export default control({
  id: "C-0138",
  name: "Ensure that the API Server --tls-cert-file and --tls-private-key-file arguments are set as appropriate",
  baseScore: 8,
  category: "Control plane",
  description:
    "Without --tls-cert-file and --tls-private-key-file the API server serves HTTPS with a self-signed certificate it generates, which clients cannot verify against the cluster's CA.",
  remediation:
    "Set --tls-cert-file and --tls-private-key-file of kube-apiserver to its serving certificate and key, signed by the cluster's CA.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) =>
      unsetViolations(
        "kube-apiserver",
        commandFlags(ref, ["--tls-cert-file", "--tls-private-key-file"]),
        ["<path/to/tls-certificate-file.crt>", "<path/to/tls-key-file.key>"],
        "it serves a self-signed certificate clients cannot verify",
      ),
    );
  },
});
