import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { isFalse, setFlag } from "./shared/flags.js";

export default control({
  id: "C-0113",
  name: "Ensure that the API Server --anonymous-auth argument is set to false",
  baseScore: 8,
  category: "Control plane",
  description:
    "kube-apiserver serves requests without credentials as the user system:anonymous unless --anonymous-auth is false (it is true by default), so any RBAC rule granted to unauthenticated users is open to the network.",
  remediation:
    "Add --anonymous-auth=false to the kube-apiserver command in /etc/kubernetes/manifests/kube-apiserver.yaml on every control-plane node.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      const flag = commandFlag(ref, "--anonymous-auth");
      if (isFalse(flag.value)) return [];
      const message =
        flag.value === undefined
          ? "kube-apiserver does not set --anonymous-auth, which is true by default: anonymous requests are served"
          : `kube-apiserver sets --anonymous-auth to ${flag.value}: anonymous requests are served`;
      return [violation(message, { paths: [flag.path], fixes: [setFlag(flag, "false")] })];
    });
  },
});
