import { commandFlag, control } from "../../../dsl/index.js";
import { CONTROLLER_MANAGER_PODS, componentContainers } from "./shared/components.js";
import { unsetViolations } from "./shared/flags.js";

export default control({
  id: "C-0147",
  name: "Ensure that the Controller Manager --service-account-private-key-file argument is set as appropriate",
  baseScore: 6,
  category: "Control plane",
  description:
    "--service-account-private-key-file is the key the controller manager signs service account tokens with; without it no token can be issued, and the key cannot be rotated with the API server's --service-account-key-file.",
  remediation:
    "Set --service-account-private-key-file of kube-controller-manager to the private key whose public key the API server's --service-account-key-file holds.",
  kinds: ["Pod"],
  requires: [CONTROLLER_MANAGER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-controller-manager").flatMap((ref) =>
      unsetViolations(
        "kube-controller-manager",
        [commandFlag(ref, "--service-account-private-key-file")],
        ["<path/to/key/filename.key>"],
        "it cannot sign service account tokens",
      ),
    );
  },
});
