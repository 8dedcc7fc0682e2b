import { control } from "../../../dsl/index.js";
import { isZeroDuration } from "./shared/durations.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { configUnread, configViolation, flagViolation, kubeletFlag, readsConfig } from "./shared/kubelet.js";

export default control({
  id: "C-0176",
  name: "Ensure that the --streaming-connection-idle-timeout argument is not set to 0",
  baseScore: 3,
  category: "Control plane",
  description:
    "A streaming connection (exec, attach, port-forward) with an idle timeout of 0 never times out: forgotten sessions stay open and exhaust the node.",
  remediation:
    "Leave streamingConnectionIdleTimeout at its default (4h) or set a short one (e.g. 5m) in the kubelet's config file, never 0; or remove --streaming-connection-idle-timeout=0.",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    const flag = kubeletFlag(info, "--streaming-connection-idle-timeout");
    const risk = "streaming connections never time out";
    if (flag.value !== undefined) return isZeroDuration(flag.value) ? [flagViolation(flag, risk)] : [];
    if (!readsConfig(info)) return [];
    const unread = configUnread(info, "streamingConnectionIdleTimeout");
    if (unread.length > 0) return unread;
    const timeout = info.data?.configFile?.decoded?.streamingConnectionIdleTimeout;
    return timeout !== undefined && isZeroDuration(timeout)
      ? [configViolation(`sets streamingConnectionIdleTimeout to ${timeout}: ${risk}`)]
      : [];
  },
});
