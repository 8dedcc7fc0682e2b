import { commandFlag, control } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { unsetViolations } from "./shared/flags.js";

export default control({
  id: "C-0139",
  name: "Ensure that the API Server --client-ca-file argument is set as appropriate",
  baseScore: 8,
  category: "Control plane",
  description:
    "Without --client-ca-file the API server authenticates no client certificate, so kubelets, controllers and administrators cannot use certificate authentication.",
  remediation: "Set --client-ca-file of kube-apiserver to the CA that signs the cluster's client certificates.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) =>
      unsetViolations(
        "kube-apiserver",
        [commandFlag(ref, "--client-ca-file")],
        ["<path/to/client-ca.crt>"],
        "client certificates are not authenticated",
      ),
    );
  },
});
