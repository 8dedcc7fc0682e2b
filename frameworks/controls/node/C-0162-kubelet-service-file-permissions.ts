import { control } from "../../../dsl/index.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { allPermissionsAtMost } from "./shared/files.js";

export default control({
  id: "C-0162",
  name: "Ensure that the kubelet service file permissions are set to 600 or more restrictive",
  baseScore: 6,
  category: "Control plane",
  description:
    "The kubelet's systemd unit files give its command line: whoever can write one starts the kubelet with any flag, anonymous access or no authorization included.",
  remediation:
    "On each node, run chmod 600 on the kubelet's unit files (kubelet.service and its drop-ins, e.g. /usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf).",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    return allPermissionsAtMost(info.data?.serviceFiles, "data.serviceFiles", 0o600);
  },
});
