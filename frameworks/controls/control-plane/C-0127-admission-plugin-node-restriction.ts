import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { addItem, admissionPluginEnabled } from "./shared/flags.js";

export default control({
  id: "C-0127",
  name: "Ensure that the admission control plugin NodeRestriction is set",
  baseScore: 4,
  category: "Control plane",
  description:
    "The NodeRestriction admission plugin lets a kubelet change only its own Node object and the pods bound to it; without it a compromised node can relabel itself or other nodes to attract workloads. It is off by default.",
  remediation: "Add NodeRestriction to --enable-admission-plugins of kube-apiserver, with the Node authorization mode.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      if (admissionPluginEnabled(ref, "NodeRestriction")) return [];
      const flag = commandFlag(ref, "--enable-admission-plugins");
      return [
        violation(
          "kube-apiserver does not enable the NodeRestriction admission plugin: a kubelet can modify other nodes and their pods",
          {
            paths: [flag.path],
            fixes: [addItem(flag, "NodeRestriction")],
          },
        ),
      ];
    });
  },
});
