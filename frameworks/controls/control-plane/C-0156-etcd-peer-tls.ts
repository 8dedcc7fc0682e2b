import { commandFlags, control, violation } from "../../../dsl/index.js";
import { componentContainers, ETCD_PODS } from "./shared/components.js";
import { unsetViolations } from "./shared/flags.js";

export default control({
  id: "C-0156",
  name: "Ensure that the --peer-cert-file and --peer-key-file arguments are set as appropriate",
  baseScore: 7,
  category: "Control plane",
  description:
    "Without --peer-cert-file and --peer-key-file the members of an etcd cluster replicate the cluster's data to each other over plain HTTP.",
  remediation:
    "Set --peer-cert-file and --peer-key-file of etcd to its peer certificate and key (kubeadm: /etc/kubernetes/pki/etcd/peer.crt and .key).",
  kinds: ["Pod"],
  requires: [ETCD_PODS],
  check(pod) {
    return componentContainers(pod, "etcd").flatMap((ref) => {
      const missing = unsetViolations(
        "etcd",
        commandFlags(ref, ["--peer-cert-file", "--peer-key-file"]),
        ["<path/to/tls-certificate-file.crt>", "<path/to/tls-key-file.key>"],
        "members replicate data without TLS",
      );
      // The flags belong to the list that carries them: args when the container has args, else command.
      const list = (ref.container.args ?? []).length > 0 ? `${ref.path}.args` : `${ref.path}.command`;
      return missing.map((found) => violation(found.message, { paths: [list, ...found.paths], fixes: found.fixes }));
    });
  },
});
