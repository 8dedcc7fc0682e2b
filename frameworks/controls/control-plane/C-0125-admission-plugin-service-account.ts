import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { admissionPluginEnabled, setFlag, withoutItem } from "./shared/flags.js";

export default control({
  id: "C-0125",
  name: "Ensure that the admission control plugin ServiceAccount is set",
  baseScore: 3,
  category: "Control plane",
  description:
    "The ServiceAccount admission plugin gives each pod its namespace's service account and checks that the account exists; kube-apiserver runs it unless --disable-admission-plugins names it.",
  remediation: "Remove ServiceAccount from --disable-admission-plugins of kube-apiserver.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      if (admissionPluginEnabled(ref, "ServiceAccount")) return [];
      const flag = commandFlag(ref, "--disable-admission-plugins");
      const others = withoutItem(flag, "ServiceAccount");
      return [
        violation(
          "kube-apiserver disables the ServiceAccount admission plugin: pods are not bound to existing service accounts",
          {
            paths: [flag.path],
            fixes: others === "" ? [] : [setFlag(flag, others)],
          },
        ),
      ];
    });
  },
});
