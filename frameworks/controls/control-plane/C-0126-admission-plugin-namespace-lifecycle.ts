import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { admissionPluginEnabled, setFlag, withoutItem } from "./shared/flags.js";

export default control({
  id: "C-0126",
  name: "Ensure that the admission control plugin NamespaceLifecycle is set",
  baseScore: 3,
  category: "Control plane",
  description:
    "The NamespaceLifecycle admission plugin refuses objects in namespaces that do not exist or are being deleted, and protects kube-system, kube-public and default from deletion; kube-apiserver runs it unless --disable-admission-plugins names it.",
  remediation: "Remove NamespaceLifecycle from --disable-admission-plugins of kube-apiserver.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      if (admissionPluginEnabled(ref, "NamespaceLifecycle")) return [];
      const flag = commandFlag(ref, "--disable-admission-plugins");
      const others = withoutItem(flag, "NamespaceLifecycle");
      return [
        violation(
          "kube-apiserver disables the NamespaceLifecycle admission plugin: objects can be created in namespaces being deleted, and system namespaces deleted",
          {
            paths: [flag.path],
            fixes: others === "" ? [] : [setFlag(flag, others)],
          },
        ),
      ];
    });
  },
});
