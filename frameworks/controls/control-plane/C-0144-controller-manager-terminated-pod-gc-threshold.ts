import { commandFlag, control, violation } from "../../../dsl/index.js";
import { CONTROLLER_MANAGER_PODS, componentContainers } from "./shared/components.js";
import { countAtLeast, setFlag } from "./shared/flags.js";

export default control({
  id: "C-0144",
  name: "Ensure that the Controller Manager --terminated-pod-gc-threshold argument is set as appropriate",
  baseScore: 4,
  category: "Control plane",
  description:
    "The controller manager deletes terminated pods only once there are more than --terminated-pod-gc-threshold of them (12500 by default; 0 or less never): until then they stay in etcd and slow the API server down.",
  remediation:
    "Set --terminated-pod-gc-threshold of kube-controller-manager to a positive number below 12500 that suits the cluster (the CIS Benchmark suggests 10).",
  kinds: ["Pod"],
  requires: [CONTROLLER_MANAGER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-controller-manager").flatMap((ref) => {
      const flag = commandFlag(ref, "--terminated-pod-gc-threshold");
      // Plain decimals from 1 to 12499: below the default, and not 0 or less (which never collects).
      if (flag.value !== undefined && countAtLeast(flag.value, "1") && !countAtLeast(flag.value, "12500")) return [];
      const how =
        flag.value === undefined
          ? "does not set --terminated-pod-gc-threshold, which is 12500 by default"
          : `sets --terminated-pod-gc-threshold to ${flag.value}`;
      return [
        violation(`kube-controller-manager ${how}: terminated pods pile up before any is deleted`, {
          paths: [flag.path],
          fixes: [setFlag(flag, "10")],
        }),
      ];
    });
  },
});
