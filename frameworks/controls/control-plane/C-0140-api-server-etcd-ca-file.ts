import { commandFlag, control } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { unsetViolations } from "./shared/flags.js";

export default control({
  id: "C-0140",
  name: "Ensure that the API Server --etcd-cafile argument is set as appropriate",
  baseScore: 8,
  category: "Control plane",
  description:
    "Without --etcd-cafile the API server does not verify etcd's serving certificate, so whoever sits between them can pose as etcd and read or forge the cluster's data.",
  remediation: "Set --etcd-cafile of kube-apiserver to the CA that signs etcd's serving certificates.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) =>
      unsetViolations(
        "kube-apiserver",
        [commandFlag(ref, "--etcd-cafile")],
        ["<path/to/ca-file.crt>"],
        "it does not verify etcd's certificate",
      ),
    );
  },
});
