import { commandFlag, control } from "../../../dsl/index.js";
import { CONTROLLER_MANAGER_PODS, componentContainers } from "./shared/components.js";
import { booleanViolations } from "./shared/flags.js";

export default control({
  id: "C-0146",
  name: "Ensure that the Controller Manager --use-service-account-credentials argument is set to true",
  baseScore: 4,
  category: "Control plane",
  description:
    "With --use-service-account-credentials (false by default) each controller acts with its own service account and least-privilege role; without it they all share the controller manager's broad credentials.",
  remediation: "Add --use-service-account-credentials=true to the kube-controller-manager command.",
  kinds: ["Pod"],
  requires: [CONTROLLER_MANAGER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-controller-manager").flatMap((ref) =>
      booleanViolations(
        "kube-controller-manager",
        commandFlag(ref, "--use-service-account-credentials"),
        true,
        false,
        "every controller acts with the controller manager's own credentials",
      ),
    );
  },
});
