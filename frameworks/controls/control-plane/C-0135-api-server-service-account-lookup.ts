import { commandFlag, control } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { booleanViolations } from "./shared/flags.js";

export default control({
  id: "C-0135",
  name: "Ensure that the API Server --service-account-lookup argument is set to true",
  baseScore: 6,
  category: "Control plane",
  description:
    "With --service-account-lookup (true by default) the API server checks that a service account token's account still exists; turned off, tokens of deleted service accounts keep working until they expire.",
  remediation: "Remove --service-account-lookup=false from the kube-apiserver command (or set it to true).",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) =>
      booleanViolations(
        "kube-apiserver",
        commandFlag(ref, "--service-account-lookup"),
        true,
        true,
        "tokens of deleted service accounts are still accepted",
      ),
    );
  },
});
