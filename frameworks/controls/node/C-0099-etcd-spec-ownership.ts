import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { ownedBy } from "./shared/files.js";

export default control({
  id: "C-0099",
  name: "Ensure that the etcd pod specification file ownership is set to root:root",
  baseScore: 6,
  category: "Control plane",
  description:
    "The owner of etcd's static pod manifest can change its permissions and so how etcd runs: only root should own it.",
  remediation: "On each control-plane node, run chown root:root /etc/kubernetes/manifests/etcd.yaml.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    return ownedBy(info.data?.etcdConfigFile, "data.etcdConfigFile", "root", "root");
  },
});
