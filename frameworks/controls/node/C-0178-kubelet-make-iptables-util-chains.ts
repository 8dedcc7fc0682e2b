import { control } from "../../../dsl/index.js";
import { isTrue } from "../control-plane/shared/flags.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { configUnread, configViolation, flagViolation, kubeletFlag, readsConfig } from "./shared/kubelet.js";

export default control({
  id: "C-0178",
  name: "Ensure that the --make-iptables-util-chains argument is set to true",
  baseScore: 3,
  category: "Control plane",
  description:
    "With makeIPTablesUtilChains off, the kubelet leaves the iptables chains it relies on to whatever else manages them, and pod traffic rules may drift from what the cluster expects.",
  remediation:
    "Leave makeIPTablesUtilChains at its default (true) in the kubelet's config file, and remove --make-iptables-util-chains=false.",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    const flag = kubeletFlag(info, "--make-iptables-util-chains");
    const risk = "the kubelet does not manage its iptables chains";
    if (flag.value !== undefined) return isTrue(flag.value) ? [] : [flagViolation(flag, risk)];
    if (!readsConfig(info)) return [];
    const unread = configUnread(info, "makeIPTablesUtilChains");
    if (unread.length > 0) return unread;
    return info.data?.configFile?.decoded?.makeIPTablesUtilChains === false
      ? [configViolation(`sets makeIPTablesUtilChains to false: ${risk}`)]
      : [];
  },
});
