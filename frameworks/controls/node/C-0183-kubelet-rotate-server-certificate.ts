import { control, violation } from "../../../dsl/index.js";
import { FALSE_WORDS } from "../control-plane/shared/flags.js";
import { KUBELET_FACTS } from "./shared/facts.js";
import { configUnread, configViolation, kubeletFlag, readsConfig } from "./shared/kubelet.js";

export default control({
  id: "C-0183",
  name: "Verify that the RotateKubeletServerCertificate argument is set to true",
  baseScore: 6,
  category: "Control plane",
  description:
    "The feature gate RotateKubeletServerCertificate (on by default) lets the kubelet renew its serving certificate; turned off, the certificate is never renewed.",
  remediation:
    "Remove RotateKubeletServerCertificate=false from the kubelet's --feature-gates and from featureGates in its config file.",
  kinds: ["KubeletInfo"],
  requires: [KUBELET_FACTS],
  check(info) {
    const gates = kubeletFlag(info, "--feature-gates");
    const risk = "the kubelet never renews its serving certificate";
    const off = FALSE_WORDS.filter((word) => gates.items.includes(`RotateKubeletServerCertificate=${word}`));
    if (off.length > 0)
      return [
        violation(`the kubelet runs with --feature-gates RotateKubeletServerCertificate=${off.join("")}: ${risk}`, {
          paths: [gates.path],
        }),
      ];
    if (!readsConfig(info)) return [];
    const unread = configUnread(info, "featureGates");
    if (unread.length > 0) return unread;
    return info.data?.configFile?.decoded?.featureGates?.RotateKubeletServerCertificate === false
      ? [configViolation(`sets featureGates.RotateKubeletServerCertificate to false: ${risk}`)]
      : [];
  },
});
