import { commandFlag, control } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { unsetViolations } from "./shared/flags.js";

export default control({
  id: "C-0130",
  name: "Ensure that the API Server --audit-log-path argument is set",
  baseScore: 7,
  category: "Control plane",
  description:
    "Without --audit-log-path (or the audit webhook) the API server keeps no audit log, so who did what in the cluster cannot be traced after an incident.",
  remediation:
    "Set --audit-log-path of kube-apiserver to a file on a mounted volume (or to - for the container log), with an --audit-policy-file.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) =>
      unsetViolations(
        "kube-apiserver",
        [commandFlag(ref, "--audit-log-path")],
        ["/var/log/apiserver/audit.log"],
        "requests are not written to an audit log",
      ),
    );
  },
});
