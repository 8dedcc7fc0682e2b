import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { countAtLeast, setFlag } from "./shared/flags.js";

export default control({
  id: "C-0132",
  name: "Ensure that the API Server --audit-log-maxbackup argument is set to 10 or as appropriate",
  baseScore: 4,
  category: "Control plane",
  description:
    "--audit-log-maxbackup is how many rotated audit log files the API server keeps; fewer than 10 may drop the trail of an incident on a busy cluster. Its default, 0, keeps them all.",
  remediation: "Set --audit-log-maxbackup of kube-apiserver to 10 or more (or leave it out, which keeps every file).",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      const flag = commandFlag(ref, "--audit-log-maxbackup");
      // 0, the default, removes no file on this ground.
      if (flag.value === undefined || flag.value === "0" || countAtLeast(flag.value, "10")) return [];
      return [
        violation(
          `kube-apiserver sets --audit-log-maxbackup to ${flag.value}, below 10: fewer than 10 rotated audit log files are kept`,
          {
            paths: [flag.path],
            fixes: [setFlag(flag, "10")],
          },
        ),
      ];
    });
  },
});
