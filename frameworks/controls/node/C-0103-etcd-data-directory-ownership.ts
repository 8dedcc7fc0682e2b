import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { isOwnedBy, ownerUnread, ownerViolation } from "./shared/files.js";

export default control({
  id: "C-0103",
  name: "Ensure that the etcd data directory ownership is set to etcd:etcd",
  baseScore: 7,
  category: "Control plane",
  description:
    "Whoever owns etcd's data directory can open it up to other users; it should belong to the user etcd runs as: etcd:etcd, or root:root where etcd runs as root (kubeadm's static pod), as Kubescape also accepts.",
  remediation:
    "On each control-plane node, run chown etcd:etcd on etcd's data directory (--data-dir, /var/lib/etcd), or root:root where etcd runs as root.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    const dir = info.data?.etcdDataDir;
    if (dir === undefined) return [];
    const unread = ownerUnread(dir, "data.etcdDataDir");
    if (unread.length > 0) return unread;
    return isOwnedBy(dir, "etcd", "etcd") || isOwnedBy(dir, "root", "root")
      ? []
      : [ownerViolation(dir, "data.etcdDataDir", "etcd:etcd")];
  },
});
