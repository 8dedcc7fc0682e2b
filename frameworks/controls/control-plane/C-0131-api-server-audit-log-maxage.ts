import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { countAtLeast, setFlag } from "./shared/flags.js";

export default control({
  id: "C-0131",
  name: "Ensure that the API Server --audit-log-maxage argument is set to 30 or as appropriate",
  baseScore: 4,
  category: "Control plane",
  description:
    "--audit-log-maxage is how many days the API server keeps rotated audit log files; fewer than 30 days may delete the trail of an incident before it is found. Its default, 0, deletes none by age.",
  remediation:
    "Set --audit-log-maxage of kube-apiserver to 30 or more (or leave it out, which keeps files regardless of age).",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      const flag = commandFlag(ref, "--audit-log-maxage");
      // 0, the default, removes no file on this ground.
      if (flag.value === undefined || flag.value === "0" || countAtLeast(flag.value, "30")) return [];
      return [
        violation(
          `kube-apiserver sets --audit-log-maxage to ${flag.value}, below 30: audit logs are deleted after fewer than 30 days`,
          {
            paths: [flag.path],
            fixes: [setFlag(flag, "30")],
          },
        ),
      ];
    });
  },
});
