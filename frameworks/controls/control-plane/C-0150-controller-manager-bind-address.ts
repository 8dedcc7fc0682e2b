import { commandFlag, control, violation } from "../../../dsl/index.js";
import { CONTROLLER_MANAGER_PODS, componentContainers } from "./shared/components.js";
import { setFlag } from "./shared/flags.js";

export default control({
  id: "C-0150",
  name: "Ensure that the Controller Manager --bind-address argument is set to 127.0.0.1",
  baseScore: 5,
  category: "Control plane",
  description:
    "The controller manager serves its health and metrics endpoints on --bind-address, every interface (0.0.0.0) by default; bound to 127.0.0.1 they are reachable from the node only.",
  remediation: "Set --bind-address of kube-controller-manager to 127.0.0.1.",
  kinds: ["Pod"],
  requires: [CONTROLLER_MANAGER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-controller-manager").flatMap((ref) => {
      const flag = commandFlag(ref, "--bind-address");
      if (flag.value === "127.0.0.1") return [];
      const how =
        flag.value === undefined
          ? "does not set --bind-address, which is 0.0.0.0 by default"
          : `sets --bind-address to ${flag.value}`;
      return [
        violation(`kube-controller-manager ${how}: its health and metrics endpoints listen beyond the node itself`, {
          paths: [flag.path],
          fixes: [setFlag(flag, "127.0.0.1")],
        }),
      ];
    });
  },
});
