import { control } from "../../../dsl/index.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { permissionsAtMost } from "./shared/files.js";

export default control({
  id: "C-0168",
  name: "Ensure that the certificate authorities file permissions are set to 600 or more restrictive",
  baseScore: 7,
  category: "Control plane",
  description:
    "The kubelet trusts every client certificate signed by the authorities of its client CA file: whoever can change the file can add an authority of their own and call the kubelet's API.",
  remediation:
    "On each node, run chmod 600 on the kubelet's client CA file (authentication.x509.clientCAFile or --client-ca-file).",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    return permissionsAtMost(info.data?.clientCAFile, "data.clientCAFile", 0o600);
  },
});
