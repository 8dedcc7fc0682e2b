import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { setFlag } from "./shared/flags.js";

export default control({
  id: "C-0005",
  name: "API server insecure port is enabled",
  baseScore: 9,
  category: "Control plane",
  description:
    "An API server --insecure-port other than 0 serves the whole API over plain HTTP with neither authentication nor authorization; Kubernetes 1.20 made 0 the default and 1.24 removed the flag.",
  remediation:
    "Remove --insecure-port from the kube-apiserver command (or set it to 0 on Kubernetes older than 1.24) and reach the API only through --secure-port.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      const flag = commandFlag(ref, "--insecure-port");
      return flag.value !== undefined && flag.value !== "0"
        ? [
            violation(`kube-apiserver serves the API without authentication on --insecure-port ${flag.value}`, {
              paths: [flag.path],
              fixes: [setFlag(flag, "0")],
            }),
          ]
        : [];
    });
  },
});
