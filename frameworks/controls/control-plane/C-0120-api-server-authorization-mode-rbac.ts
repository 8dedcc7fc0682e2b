import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { addItem } from "./shared/flags.js";

export default control({
  id: "C-0120",
  name: "Ensure that the API Server --authorization-mode argument includes RBAC",
  baseScore: 8,
  category: "Control plane",
  description:
    "Without RBAC in --authorization-mode, Roles and RoleBindings are not enforced, so access cannot be granted per user, group and service account with least privilege.",
  remediation: "Add RBAC to --authorization-mode of kube-apiserver (Node,RBAC).",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      // A structured authorization configuration (--authorization-config) replaces the modes: its file is not in the pod.
      if (commandFlag(ref, "--authorization-config").value !== undefined) return [];
      const flag = commandFlag(ref, "--authorization-mode");
      if (flag.items.includes("RBAC")) return [];
      const how =
        flag.value === undefined
          ? "does not set --authorization-mode, whose default is AlwaysAllow"
          : `sets --authorization-mode to ${flag.value}`;
      return [
        violation(`kube-apiserver ${how}, without RBAC: Roles and RoleBindings are not enforced`, {
          paths: [flag.path],
          fixes: [addItem(flag, "RBAC")],
        }),
      ];
    });
  },
});
