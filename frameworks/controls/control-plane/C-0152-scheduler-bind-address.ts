import { commandFlag, control, violation } from "../../../dsl/index.js";
import { componentContainers, SCHEDULER_PODS } from "./shared/components.js";
import { setFlag } from "./shared/flags.js";

export default control({
  id: "C-0152",
  name: "Ensure that the Scheduler --bind-address argument is set to 127.0.0.1",
  baseScore: 5,
  category: "Control plane",
  description:
    "The scheduler serves its health and metrics endpoints on --bind-address, every interface (0.0.0.0) by default; bound to 127.0.0.1 they are reachable from the node only.",
  remediation: "Set --bind-address of kube-scheduler to 127.0.0.1.",
  kinds: ["Pod"],
  requires: [SCHEDULER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-scheduler").flatMap((ref) => {
      const flag = commandFlag(ref, "--bind-address");
      if (flag.value === "127.0.0.1") return [];
      const how =
        flag.value === undefined
          ? "does not set --bind-address, which is 0.0.0.0 by default"
          : `sets --bind-address to ${flag.value}`;
      return [
        violation(`kube-scheduler ${how}: its health and metrics endpoints listen beyond the node itself`, {
          paths: [flag.path],
          fixes: [setFlag(flag, "127.0.0.1")],
        }),
      ];
    });
  },
});
