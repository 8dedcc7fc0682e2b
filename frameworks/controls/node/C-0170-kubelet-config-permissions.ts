import { control } from "../../../dsl/index.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { permissionsAtMost } from "./shared/files.js";

export default control({
  id: "C-0170",
  name: "If the kubelet config.yaml configuration file is being used validate permissions set to 600 or more restrictive",
  baseScore: 7,
  category: "Control plane",
  description:
    "The kubelet's config file (--config) sets its authentication, authorization and ports: whoever can write it can open the kubelet's API to anyone.",
  remediation: "On each node, run chmod 600 /var/lib/kubelet/config.yaml (the file of the kubelet's --config).",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    return permissionsAtMost(info.data?.configFile, "data.configFile", 0o600);
  },
});
