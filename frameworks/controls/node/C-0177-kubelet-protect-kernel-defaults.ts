import { control, violation } from "../../../dsl/index.js";
import { isTrue } from "../control-plane/shared/flags.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { configUnread, configViolation, flagViolation, kubeletFlag, readsConfig } from "./shared/kubelet.js";

export default control({
  id: "C-0177",
  name: "Ensure that the --protect-kernel-defaults argument is set to true",
  baseScore: 2,
  category: "Control plane",
  description:
    "With protectKernelDefaults the kubelet refuses to start when kernel settings differ from what it needs instead of changing them; without it, a kubelet silently tunes the kernel of the node.",
  remediation:
    "Set protectKernelDefaults: true in the kubelet's config file (or --protect-kernel-defaults=true), on every node.",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    const flag = kubeletFlag(info, "--protect-kernel-defaults");
    const risk = "the kubelet changes kernel settings it does not like instead of refusing to start";
    if (flag.value !== undefined) return isTrue(flag.value) ? [] : [flagViolation(flag, risk)];
    if (!readsConfig(info))
      return [
        violation(`the kubelet sets neither --protect-kernel-defaults nor a config file: ${risk}`, {
          paths: [flag.path],
        }),
      ];
    const unread = configUnread(info, "protectKernelDefaults");
    if (unread.length > 0) return unread;
    return info.data?.configFile?.decoded?.protectKernelDefaults === true
      ? []
      : [configViolation(`does not set protectKernelDefaults to true: ${risk}`)];
  },
});
