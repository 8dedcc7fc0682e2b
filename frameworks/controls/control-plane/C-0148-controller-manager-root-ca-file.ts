import { commandFlag, control } from "../../../dsl/index.js";
import { CONTROLLER_MANAGER_PODS, componentContainers } from "./shared/components.js";
import { unsetViolations } from "./shared/flags.js";

export default control({
  id: "C-0148",
  name: "Ensure that the Controller Manager --root-ca-file argument is set as appropriate",
  baseScore: 7,
  category: "Control plane",
  description:
    "--root-ca-file is the CA the controller manager puts into every service account's token secret and kube-root-ca.crt ConfigMap; without it pods cannot verify the API server's certificate and may trust an impostor.",
  remediation:
    "Set --root-ca-file of kube-controller-manager to the CA bundle of the API server's serving certificate.",
  kinds: ["Pod"],
  requires: [CONTROLLER_MANAGER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-controller-manager").flatMap((ref) =>
      unsetViolations(
        "kube-controller-manager",
        [commandFlag(ref, "--root-ca-file")],
        ["<path/to/ca.crt>"],
        "pods are not given the CA to verify the API server",
      ),
    );
  },
});
