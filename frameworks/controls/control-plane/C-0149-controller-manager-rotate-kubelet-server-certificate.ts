import { commandFlag, control, violation } from "../../../dsl/index.js";
import { CONTROLLER_MANAGER_PODS, componentContainers } from "./shared/components.js";
import { FALSE_WORDS, setFlag } from "./shared/flags.js";

const GATE = "RotateKubeletServerCertificate";

/** `RotateKubeletServerCertificate=false`, with false written as strconv.ParseBool reads it. */
function turnsOff(setting: string): boolean {
  return FALSE_WORDS.some((word) => setting === `${GATE}=${word}`);
}

export default control({
  id: "C-0149",
  name: "Ensure that the Controller Manager RotateKubeletServerCertificate argument is set to true",
  baseScore: 6,
  category: "Control plane",
  description:
    "The RotateKubeletServerCertificate feature gate (on by default) lets the controller manager approve the kubelets' requests for new serving certificates; turned off in --feature-gates, kubelet certificates are not renewed and expire or stay long-lived.",
  remediation:
    "Remove RotateKubeletServerCertificate=false from --feature-gates of kube-controller-manager (or set it to true).",
  kinds: ["Pod"],
  requires: [CONTROLLER_MANAGER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-controller-manager").flatMap((ref) => {
      const flag = commandFlag(ref, "--feature-gates");
      // Each key=value of --feature-gates sets a gate; the last setting of a gate wins.
      const settings = flag.items.filter((item) => item.startsWith(`${GATE}=`));
      const off = settings.some(
        (setting, index) =>
          turnsOff(setting) && settings.every((later, laterIndex) => laterIndex <= index || turnsOff(later)),
      );
      if (!off) return [];
      const fixed = flag.items.map((item) => (item.startsWith(`${GATE}=`) ? `${GATE}=true` : item));
      return [
        violation("kube-controller-manager turns the RotateKubeletServerCertificate feature gate off", {
          paths: [flag.path],
          fixes: [setFlag(flag, fixed.join(","))],
        }),
      ];
    });
  },
});
