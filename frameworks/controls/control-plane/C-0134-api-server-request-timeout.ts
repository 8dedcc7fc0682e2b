import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";

export default control({
  id: "C-0134",
  name: "Ensure that the API Server --request-timeout argument is set as appropriate",
  baseScore: 4,
  category: "Control plane",
  description:
    "--request-timeout (60s by default) bounds how long the API server works on one request; a longer timeout lets slow or hostile clients hold its resources, so it should only be raised when needed.",
  remediation:
    "Leave --request-timeout of kube-apiserver out, or set it to at most 60s (for example 1m); raise it only for a known need and review it.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      const flag = commandFlag(ref, "--request-timeout");
      // Durations up to the default: whole seconds up to 60, 1m, or 0.
      if (flag.value === undefined || /^(0|0?[0-9]s|[1-5][0-9]s|60s|1m|1m0s)$/.test(flag.value)) return [];
      return [
        violation(
          `kube-apiserver sets --request-timeout to ${flag.value}, longer than the default 60s (or not a duration)`,
          {
            paths: [flag.path],
          },
        ),
      ];
    });
  },
});
