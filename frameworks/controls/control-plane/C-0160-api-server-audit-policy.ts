import { commandFlag, control, violation } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { isUnset } from "./shared/flags.js";

export default control({
  id: "C-0160",
  name: "Ensure that a minimal audit policy is created",
  baseScore: 5,
  category: "Control plane",
  description:
    "The API server writes audit events only for requests its audit policy (--audit-policy-file) selects; without a policy it audits nothing, whatever --audit-log-path says.",
  remediation:
    "Write an audit policy (at least Metadata level for all requests) and pass it to kube-apiserver with --audit-policy-file.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
      const flag = commandFlag(ref, "--audit-policy-file");
      return isUnset(flag)
        ? [violation("kube-apiserver does not set --audit-policy-file: it audits no request", { paths: [flag.path] })]
        : [];
    });
  },
});
