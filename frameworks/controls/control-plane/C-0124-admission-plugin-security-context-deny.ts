import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { admissionPluginEnabled, setFlag, withoutItem } from "./shared/flags.js";

export default control({
  id: "C-0124",
  name: "Ensure that the admission control plugin SecurityContextDeny is set if PodSecurityPolicy is not used",
  baseScore: 4,
  category: "Control plane",
  description:
    "The API server must refuse pods that ask for dangerous security settings. SecurityContextDeny (removed in Kubernetes 1.30) and PodSecurityPolicy (removed in 1.25) did it once; Pod Security admission (the PodSecurity plugin, on by default since 1.23) does it now, unless --disable-admission-plugins turns it off.",
  remediation:
    "Keep the PodSecurity admission plugin on (remove it from --disable-admission-plugins) and label namespaces with the Pod Security level they enforce.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      if (
        ["PodSecurity", "SecurityContextDeny", "PodSecurityPolicy"].some((plugin) =>
          admissionPluginEnabled(ref, plugin),
        )
      )
        return [];
      const flag = commandFlag(ref, "--disable-admission-plugins");
      const others = withoutItem(flag, "PodSecurity");
      return [
        violation(
          "kube-apiserver runs no pod security admission: it disables PodSecurity and enables neither SecurityContextDeny nor PodSecurityPolicy",
          { paths: [flag.path], fixes: others === "" ? [] : [setFlag(flag, others)] },
        ),
      ];
    });
  },
});
