import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { setFlag, withoutItem } from "./shared/flags.js";

export default control({
  id: "C-0118",
  name: "Ensure that the API Server --authorization-mode argument is not set to AlwaysAllow",
  baseScore: 7,
  category: "Control plane",
  description:
    "With the AlwaysAllow authorization mode the API server grants every authenticated request, whatever RBAC says; it is the mode kube-apiserver uses when --authorization-mode is left out.",
  remediation:
    "Set --authorization-mode of kube-apiserver to Node,RBAC (without AlwaysAllow), or give it an --authorization-config without AlwaysAllow.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      // A structured authorization configuration (--authorization-config) replaces the modes: its file is not in the pod.
      if (commandFlag(ref, "--authorization-config").value !== undefined) return [];
      const flag = commandFlag(ref, "--authorization-mode");
      if (flag.value !== undefined && !flag.items.includes("AlwaysAllow")) return [];
      const others = withoutItem(flag, "AlwaysAllow");
      const message =
        flag.value === undefined
          ? "kube-apiserver does not set --authorization-mode, whose default AlwaysAllow authorizes every request"
          : `kube-apiserver authorizes every request: --authorization-mode ${flag.value} includes AlwaysAllow`;
      return [violation(message, { paths: [flag.path], fixes: [setFlag(flag, others === "" ? "Node,RBAC" : others)] })];
    });
  },
});
