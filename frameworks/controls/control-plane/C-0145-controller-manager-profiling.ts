import { commandFlag, control } from "../../../dsl/index.js";
import { CONTROLLER_MANAGER_PODS, componentContainers } from "./shared/components.js";
import { booleanViolations } from "./shared/flags.js";

export default control({
  id: "C-0145",
  name: "Ensure that the Controller Manager --profiling argument is set to false",
  baseScore: 3,
  category: "Control plane",
  description:
    "With --profiling (true by default) the controller manager serves Go profiles under /debug/pprof, which reveal details of the program and its memory.",
  remediation: "Add --profiling=false to the kube-controller-manager command.",
  kinds: ["Pod"],
  requires: [CONTROLLER_MANAGER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-controller-manager").flatMap((ref) =>
      booleanViolations(
        "kube-controller-manager",
        commandFlag(ref, "--profiling"),
        false,
        true,
        "it serves profiling data under /debug/pprof",
      ),
    );
  },
});
