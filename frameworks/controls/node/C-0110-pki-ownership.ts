import { control } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";
import { allOwnedBy, ownedBy } from "./shared/files.js";

export default control({
  id: "C-0110",
  name: "Ensure that the Kubernetes PKI directory and file ownership is set to root:root",
  baseScore: 8,
  category: "Control plane",
  description:
    "The PKI directory (/etc/kubernetes/pki) holds the cluster's certificate authorities and the control plane's keys; the owner of the directory or of a file in it can make them readable or replace them.",
  remediation: "On each control-plane node, run chown -R root:root /etc/kubernetes/pki/.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    return [
      ...ownedBy(info.data?.PKIDir, "data.PKIDir", "root", "root"),
      ...allOwnedBy(info.data?.PKIFiles, "data.PKIFiles", "root", "root"),
    ];
  },
});
