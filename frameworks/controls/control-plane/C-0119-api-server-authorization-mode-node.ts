import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { addItem } from "./shared/flags.js";

export default control({
  id: "C-0119",
  name: "Ensure that the API Server --authorization-mode argument includes Node",
  baseScore: 5,
  category: "Control plane",
  description:
    "The Node authorizer limits each kubelet to the pods, secrets and volumes of its own node; without it in --authorization-mode a compromised node can read objects meant for the others.",
  remediation:
    "Add Node to --authorization-mode of kube-apiserver (Node,RBAC), with the NodeRestriction admission plugin.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      // A structured authorization configuration (--authorization-config) replaces the modes: its file is not in the pod.
      if (commandFlag(ref, "--authorization-config").value !== undefined) return [];
      const flag = commandFlag(ref, "--authorization-mode");
      if (flag.items.includes("Node")) return [];
      const how =
        flag.value === undefined
          ? "does not set --authorization-mode, whose default is AlwaysAllow"
          : `sets --authorization-mode to ${flag.value}`;
      return [
        violation(`kube-apiserver ${how}, without Node: kubelets are not limited to the objects of their own node`, {
          paths: [flag.path],
          fixes: [addItem(flag, "Node")],
        }),
      ];
    });
  },
});
