import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";

export default control({
  id: "C-0128",
  name: "Ensure that the API Server --secure-port argument is not set to 0",
  baseScore: 8,
  category: "Control plane",
  description:
    "--secure-port 0 turns off the API server's HTTPS listener (it listens on 6443 by default), leaving no authenticated, encrypted way to reach the API.",
  remediation: "Remove --secure-port=0 from the kube-apiserver command, or set it to the port clients use (6443).",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      const flag = commandFlag(ref, "--secure-port");
      return flag.value !== undefined && /^[+-]?0+$/.test(flag.value)
        ? [violation("kube-apiserver sets --secure-port to 0: it serves no HTTPS", { paths: [flag.path] })]
        : [];
    });
  },
});
