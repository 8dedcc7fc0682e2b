import { control } from "../../../dsl/index.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { allOwnedBy } from "./shared/files.js";

export default control({
  id: "C-0163",
  name: "Ensure that the kubelet service file ownership is set to root:root",
  baseScore: 6,
  category: "Control plane",
  description: "The owner of a kubelet unit file can change the kubelet's command line: only root should own them.",
  remediation: "On each node, run chown root:root on the kubelet's unit files (kubelet.service and its drop-ins).",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    return allOwnedBy(info.data?.serviceFiles, "data.serviceFiles", "root", "root");
  },
});
