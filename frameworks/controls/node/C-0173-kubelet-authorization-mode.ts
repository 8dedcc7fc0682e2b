import { control, violation } from "../../../dsl/index.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { configUnread, configViolation, flagViolation, kubeletFlag, readsConfig } from "./shared/kubelet.js";

export default control({
  id: "C-0173",
  name: "Ensure that the --authorization-mode argument is not set to AlwaysAllow",
  baseScore: 6,
  category: "Control plane",
  description:
    "With authorization mode AlwaysAllow (the default of a kubelet without a config file), every authenticated request to the kubelet's API is allowed, running commands in containers included.",
  remediation:
    "Set authorization.mode: Webhook in the kubelet's config file (or --authorization-mode=Webhook), on every node.",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    const flag = kubeletFlag(info, "--authorization-mode");
    const risk = "every authenticated request to the kubelet's API is allowed";
    if (flag.value !== undefined) return flag.value === "AlwaysAllow" ? [flagViolation(flag, risk)] : [];
    if (!readsConfig(info))
      return [
        violation(
          `the kubelet sets neither --authorization-mode nor a config file (it then defaults to AlwaysAllow): ${risk}`,
          {
            paths: [flag.path],
          },
        ),
      ];
    const unread = configUnread(info, "authorization.mode");
    if (unread.length > 0) return unread;
    return info.data?.configFile?.decoded?.authorization?.mode === "AlwaysAllow"
      ? [configViolation(`sets authorization.mode to AlwaysAllow: ${risk}`)]
      : [];
  },
});
