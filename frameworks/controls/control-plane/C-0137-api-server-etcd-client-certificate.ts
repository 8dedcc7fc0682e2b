import { commandFlags, control } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { unsetViolations } from "./shared/flags.js";

export default control({
  id: "C-0137",
  name: "Ensure that the API Server --etcd-certfile and --etcd-keyfile arguments are set as appropriate",
  baseScore: 8,
  category: "Control plane",
  description:
    "etcd holds every object of the cluster, secrets included; without --etcd-certfile and --etcd-keyfile the API server cannot authenticate to an etcd that requires client certificates, which etcd then must not require.",
  remediation:
    "Set --etcd-certfile and --etcd-keyfile of kube-apiserver to its etcd client certificate and key (kubeadm: apiserver-etcd-client.crt and .key).",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) =>
      unsetViolations(
        "kube-apiserver",
        commandFlags(ref, ["--etcd-certfile", "--etcd-keyfile"]),
        ["<path/to/client-certificate-file.crt>", "<path/to/client-key-file.key>"],
        "it does not present a client certificate to etcd",
      ),
    );
  },
});
