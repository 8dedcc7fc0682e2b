import { control } from "../../../dsl/index.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { ownedBy } from "./shared/files.js";

export default control({
  id: "C-0169",
  name: "Ensure that the client certificate authorities file ownership is set to root:root",
  baseScore: 7,
  category: "Control plane",
  description:
    "The owner of the kubelet's client CA file can change which clients the kubelet trusts: only root should own it.",
  remediation:
    "On each node, run chown root:root on the kubelet's client CA file (authentication.x509.clientCAFile or --client-ca-file).",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    return ownedBy(info.data?.clientCAFile, "data.clientCAFile", "root", "root");
  },
});
