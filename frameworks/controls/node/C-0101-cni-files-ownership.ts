import { control } from "../../../dsl/index.js";
import { CNI_FACTS } from "./shared/facts.js";
import { allOwnedBy } from "./shared/files.js";

export default control({
  id: "C-0101",
  name: "Ensure that the Container Network Interface file ownership is set to root:root",
  baseScore: 6,
  category: "Network",
  description:
    "The owner of a CNI configuration file can change how the node's pods are networked: only root should own them.",
  remediation: "On each node, run chown root:root on the files of the CNI configuration directory (/etc/cni/net.d).",
  kinds: ["CNIInfo"],
  requires: [CNI_FACTS],
  check(info) {
    return allOwnedBy(info.data?.CNIConfigFiles, "data.CNIConfigFiles", "root", "root");
  },
});
