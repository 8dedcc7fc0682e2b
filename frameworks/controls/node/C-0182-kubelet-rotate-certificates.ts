import { control } from "../../../dsl/index.js";
import { isFalse } from "../control-plane/shared/flags.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { configUnread, configViolation, flagViolation, kubeletFlag, readsConfig } from "./shared/kubelet.js";

export default control({
  id: "C-0182",
  name: "Ensure that the --rotate-certificates argument is not set to false",
  baseScore: 6,
  category: "Control plane",
  description:
    "With certificate rotation off, the kubelet's client certificate is not renewed before it expires: the node drops out of the cluster, or long-lived credentials stay valid.",
  remediation: "Set rotateCertificates: true in the kubelet's config file, and remove --rotate-certificates=false.",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    const flag = kubeletFlag(info, "--rotate-certificates");
    const risk = "the kubelet does not renew its client certificate";
    if (flag.value !== undefined) return isFalse(flag.value) ? [flagViolation(flag, risk)] : [];
    if (!readsConfig(info)) return [];
    const unread = configUnread(info, "rotateCertificates");
    if (unread.length > 0) return unread;
    return info.data?.configFile?.decoded?.rotateCertificates === false
      ? [configViolation(`sets rotateCertificates to false: ${risk}`)]
      : [];
  },
});
