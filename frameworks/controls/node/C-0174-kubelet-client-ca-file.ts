import { control } from "../../../dsl/index.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { clientCertificateViolations } from "./shared/kubelet.js";

export default control({
  id: "C-0174",
  name: "Ensure that the --client-ca-file argument is set as appropriate",
  baseScore: 6,
  category: "Control plane",
  description:
    "The kubelet authenticates clients by certificate only when it has a client CA (--client-ca-file or authentication.x509.clientCAFile); without one, the API server's calls to it are not authenticated either.",
  remediation:
    "Set authentication.x509.clientCAFile in the kubelet's config file (or --client-ca-file) to the cluster CA, on every node.",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    return clientCertificateViolations(info);
  },
});
