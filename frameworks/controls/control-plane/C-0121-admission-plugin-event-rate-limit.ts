import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { addItem, admissionPluginEnabled } from "./shared/flags.js";

export default control({
  id: "C-0121",
  name: "Ensure that the admission control plugin EventRateLimit is set",
  baseScore: 4,
  category: "Control plane",
  description:
    "The EventRateLimit admission plugin caps how many events the API server accepts per server, namespace, user or source; without it a flood of events can exhaust the API server and etcd. It is off by default.",
  remediation:
    "Add EventRateLimit to --enable-admission-plugins of kube-apiserver and give its limits in the file of --admission-control-config-file.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      if (admissionPluginEnabled(ref, "EventRateLimit")) return [];
      const flag = commandFlag(ref, "--enable-admission-plugins");
      return [
        violation(
          "kube-apiserver does not enable the EventRateLimit admission plugin: nothing limits the rate of events it accepts",
          {
            paths: [flag.path],
            fixes: [addItem(flag, "EventRateLimit")],
          },
        ),
      ];
    });
  },
});
