import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "../control-plane/shared/components.js";
import { countAtLeast, setFlag } from "../control-plane/shared/flags.js";

export default control({
  id: "C-0133",
  name: "Ensure that the API Server --audit-log-maxsize argument is set to 100 or as appropriate",
  baseScore: 4,
  category: "Control plane",
  description:
    "Without --audit-log-maxsize (in megabytes) the API server never rotates its audit log by size: it grows until the disk is full, and auditing stops with it.",
  remediation:
    "Add --audit-log-maxsize=100 (or the size your log retention needs) to the kube-apiserver command in /etc/kubernetes/manifests/kube-apiserver.yaml.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      const flag = commandFlag(ref, "--audit-log-maxsize");
      if (countAtLeast(flag.value, "100")) return [];
      const message =
        flag.value === undefined
          ? "kube-apiserver does not set --audit-log-maxsize: its audit log is never rotated by size"
          : `kube-apiserver sets --audit-log-maxsize to ${flag.value}, below 100 (megabytes)`;
      return [violation(message, { paths: [flag.path], fixes: [setFlag(flag, "100")] })];
    });
  },
});
