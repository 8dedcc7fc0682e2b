import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";

export default control({
  id: "C-0114",
  name: "Ensure that the API Server --token-auth-file parameter is not set",
  baseScore: 8,
  category: "Control plane",
  description:
    "A --token-auth-file holds long-lived bearer tokens in clear text on the control-plane node; they cannot expire and are only revoked by editing the file and restarting the API server.",
  remediation:
    "Remove --token-auth-file from the kube-apiserver command and authenticate users with client certificates, OIDC or service account tokens instead.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      const flag = commandFlag(ref, "--token-auth-file");
      return flag.value === undefined
        ? []
        : [
            violation(`kube-apiserver accepts the static tokens of --token-auth-file ${flag.value}`, {
              paths: [flag.path],
            }),
          ];
    });
  },
});
