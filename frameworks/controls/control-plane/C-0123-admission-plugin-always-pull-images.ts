import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { addItem, admissionPluginEnabled } from "./shared/flags.js";

export default control({
  id: "C-0123",
  name: "Ensure that the admission control plugin AlwaysPullImages is set",
  baseScore: 4,
  category: "Control plane",
  description:
    "Without the AlwaysPullImages admission plugin a pod can run any image already pulled on its node, private ones included, without the credentials to pull it. It is off by default.",
  remediation:
    "Add AlwaysPullImages to --enable-admission-plugins of kube-apiserver (every pod then pulls its images, so registries must be reachable).",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      if (admissionPluginEnabled(ref, "AlwaysPullImages")) return [];
      const flag = commandFlag(ref, "--enable-admission-plugins");
      return [
        violation(
          "kube-apiserver does not enable the AlwaysPullImages admission plugin: pods can run private images cached on their node without credentials",
          {
            paths: [flag.path],
            fixes: [addItem(flag, "AlwaysPullImages")],
          },
        ),
      ];
    });
  },
});
