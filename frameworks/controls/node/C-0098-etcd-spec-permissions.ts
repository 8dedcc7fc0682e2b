import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { permissionsAtMost } from "./shared/files.js";

export default control({
  id: "C-0098",
  name: "Ensure that the etcd pod specification file permissions are set to 600 or more restrictive",
  baseScore: 6,
  category: "Control plane",
  description:
    "The kubelet runs etcd from its static pod manifest: whoever can write the file controls the store that holds every object and secret of the cluster.",
  remediation: "On each control-plane node, run chmod 600 /etc/kubernetes/manifests/etcd.yaml.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    return permissionsAtMost(info.data?.etcdConfigFile, "data.etcdConfigFile", 0o600);
  },
});
