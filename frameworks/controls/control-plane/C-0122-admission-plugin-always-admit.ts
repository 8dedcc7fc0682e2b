import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { setFlag, withoutItem } from "./shared/flags.js";

export default control({
  id: "C-0122",
  name: "Ensure that the admission control plugin AlwaysAdmit is not set",
  baseScore: 8,
  category: "Control plane",
  description:
    "The AlwaysAdmit admission plugin admits every request whatever the other plugins decide; it is deprecated and makes admission control meaningless.",
  remediation: "Remove AlwaysAdmit from --enable-admission-plugins of kube-apiserver.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      const flag = commandFlag(ref, "--enable-admission-plugins");
      if (!flag.items.includes("AlwaysAdmit")) return [];
      const others = withoutItem(flag, "AlwaysAdmit");
      return [
        violation("kube-apiserver enables the AlwaysAdmit admission plugin, which admits every request", {
          paths: [flag.path],
          fixes: others === "" ? [] : [setFlag(flag, others)],
        }),
      ];
    });
  },
});
