import { control, violation } from "../../../dsl/index.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { configUnread, configViolation, flagViolation, kubeletFlag, readsConfig } from "./shared/kubelet.js";

export default control({
  id: "C-0175",
  name: "Verify that the --read-only-port argument is set to 0",
  baseScore: 4,
  category: "Control plane",
  description:
    "The kubelet's read-only port (10255 when enabled) serves pod specs and node details to anyone who reaches it, without authentication or authorization.",
  remediation: "Set readOnlyPort: 0 in the kubelet's config file (or --read-only-port=0), on every node.",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    const flag = kubeletFlag(info, "--read-only-port");
    const risk = "it serves pod and node details without authentication";
    if (flag.value !== undefined) return flag.value === "0" ? [] : [flagViolation(flag, risk)];
    if (!readsConfig(info))
      return [
        violation(`the kubelet sets neither --read-only-port=0 nor a config file (it then opens port 10255): ${risk}`, {
          paths: [flag.path],
        }),
      ];
    const unread = configUnread(info, "readOnlyPort");
    if (unread.length > 0) return unread;
    const port = info.data?.configFile?.decoded?.readOnlyPort;
    return port === undefined || port === 0 ? [] : [configViolation(`sets readOnlyPort to ${port}: ${risk}`)];
  },
});
