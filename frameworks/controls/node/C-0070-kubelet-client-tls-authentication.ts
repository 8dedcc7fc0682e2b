import { control } from "../../../dsl/index.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { clientCertificateViolations } from "./shared/kubelet.js";

export default control({
  id: "C-0070",
  name: "Enforce Kubelet client TLS authentication",
  baseScore: 9.0,
  category: "Control plane",
  description:
    "Without a client CA (--client-ca-file or authentication.x509.clientCAFile) the kubelet cannot authenticate the API server or any other client by its certificate.",
  remediation:
    "Set authentication.x509.clientCAFile in the kubelet's config file (or --client-ca-file) to the cluster CA, on every node.",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    return clientCertificateViolations(info);
  },
});
