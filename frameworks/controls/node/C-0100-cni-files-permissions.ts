import { control } from "../../../dsl/index.js";
import { CNI_FACTS } from "./shared/facts.js";
import { allPermissionsAtMost } from "./shared/files.js";

export default control({
  id: "C-0100",
  name: "Ensure that the Container Network Interface file permissions are set to 600 or more restrictive",
  baseScore: 6,
  category: "Network",
  description:
    "The CNI configuration decides how every pod of the node is networked (and may hold credentials of the CNI's datastore): no local user but root should read or change it.",
  remediation: "On each node, run chmod 600 on the files of the CNI configuration directory (/etc/cni/net.d).",
  kinds: ["CNIInfo"],
  requires: [CNI_FACTS],
  check(info) {
    return allPermissionsAtMost(info.data?.CNIConfigFiles, "data.CNIConfigFiles", 0o600);
  },
});
