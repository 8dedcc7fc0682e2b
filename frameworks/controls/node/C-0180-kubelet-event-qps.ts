import { control } from "../../../dsl/index.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { configUnread, configViolation, flagViolation, kubeletFlag, readsConfig } from "./shared/kubelet.js";

export default control({
  id: "C-0180",
  name: "Ensure that the --event-qps argument is set to 0 or a level which ensures appropriate event capture",
  baseScore: 2,
  category: "Control plane",
  description:
    "eventRecordQPS 0 lifts the kubelet's limit on the events it sends: a flood of events can overload the API server, and an attacker's noise can bury the events that matter.",
  remediation:
    "Set eventRecordQPS in the kubelet's config file to a positive limit (the default is 50), and remove --event-qps=0.",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    const flag = kubeletFlag(info, "--event-qps");
    const risk = "the kubelet sends events without limit";
    if (flag.value !== undefined) return flag.value === "0" ? [flagViolation(flag, risk)] : [];
    if (!readsConfig(info)) return [];
    const unread = configUnread(info, "eventRecordQPS");
    if (unread.length > 0) return unread;
    return info.data?.configFile?.decoded?.eventRecordQPS === 0
      ? [configViolation(`sets eventRecordQPS to 0: ${risk}`)]
      : [];
  },
});
