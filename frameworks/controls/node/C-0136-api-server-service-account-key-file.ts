import { commandFlag, control } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "../control-plane/shared/components.js";
import { unsetViolations } from "../control-plane/shared/flags.js";

export default control({
  id: "C-0136",
  name: "Ensure that the API Server --service-account-key-file argument is set as appropriate",
  baseScore: 5,
  category: "Control plane",
  description:
    "--service-account-key-file names the public keys the API server verifies service account tokens with; without it, it falls back to its TLS key, and keys cannot be rotated apart from the serving certificate.",
  remediation:
    "Add --service-account-key-file=<public key of the controller manager's --service-account-private-key-file> to the kube-apiserver command in /etc/kubernetes/manifests/kube-apiserver.yaml.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) =>
      unsetViolations(
        "kube-apiserver",
        [commandFlag(ref, "--service-account-key-file")],
        ["<path/to/key.pub>"],
        "service account tokens are verified with its TLS key, which cannot be rotated on its own",
      ),
    );
  },
});
