import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { permissionsAtMost } from "./shared/files.js";

export default control({
  id: "C-0102",
  name: "Ensure that the etcd data directory permissions are set to 700 or more restrictive",
  baseScore: 7,
  category: "Control plane",
  description:
    "etcd's data directory holds every object of the cluster, secrets included (unencrypted unless the API server encrypts them): no user but etcd's should read or enter it.",
  remediation:
    "On each control-plane node, run chmod 700 on etcd's data directory (--data-dir, /var/lib/etcd with kubeadm).",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    return permissionsAtMost(info.data?.etcdDataDir, "data.etcdDataDir", 0o700);
  },
});
