import { control } from "../../../dsl/index.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { ownedBy } from "./shared/files.js";

export default control({
  id: "C-0171",
  name: "If the kubelet config.yaml configuration file is being used validate file ownership is set to root:root",
  baseScore: 7,
  category: "Control plane",
  description:
    "The owner of the kubelet's config file can change its permissions and so the kubelet's security settings: only root should own it.",
  remediation: "On each node, run chown root:root /var/lib/kubelet/config.yaml (the file of the kubelet's --config).",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    return ownedBy(info.data?.configFile, "data.configFile", "root", "root");
  },
});
