import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { addItem, admissionPluginEnabled } from "./shared/flags.js";

export default control({
  id: "C-0115",
  name: "Ensure that the API Server --DenyServiceExternalIPs is not set",
  baseScore: 4,
  category: "Control plane",
  description:
    "Whoever may create a Service can set its externalIPs to any address and intercept the cluster's traffic to it (CVE-2020-8554), unless the API server enables the DenyServiceExternalIPs admission plugin, which refuses new externalIPs (it is off by default).",
  remediation:
    "Add DenyServiceExternalIPs to --enable-admission-plugins of kube-apiserver, unless the cluster really needs Services with externalIPs.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      if (admissionPluginEnabled(ref, "DenyServiceExternalIPs")) return [];
      const flag = commandFlag(ref, "--enable-admission-plugins");
      return [
        violation(
          "kube-apiserver does not enable the DenyServiceExternalIPs admission plugin: Services may take any external IP and intercept traffic to it",
          { paths: [flag.path], fixes: [addItem(flag, "DenyServiceExternalIPs")] },
        ),
      ];
    });
  },
});
