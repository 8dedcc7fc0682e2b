import { commandFlags, control } from "../../../dsl/index.js";
import { componentContainers, ETCD_PODS } from "./shared/components.js";
import { unsetViolations } from "./shared/flags.js";

export default control({
  id: "C-0153",
  name: "Ensure that the --cert-file and --key-file arguments are set as appropriate",
  baseScore: 8,
  category: "Control plane",
  description:
    "Without --cert-file and --key-file etcd serves its clients, the API server among them, over plain HTTP: every object of the cluster, secrets included, crosses the network unencrypted.",
  remediation:
    "Set --cert-file and --key-file of etcd to its serving certificate and key (kubeadm: /etc/kubernetes/pki/etcd/server.crt and .key).",
  kinds: ["Pod"],
  requires: [ETCD_PODS],
  check(pod) {
    return componentContainers(pod, "etcd").flatMap((ref) =>
      unsetViolations(
        "etcd",
        commandFlags(ref, ["--cert-file", "--key-file"]),
        ["<path/to/tls-certificate-file.crt>", "<path/to/tls-key-file.key>"],
        "it serves clients without TLS",
      ),
    );
  },
});
