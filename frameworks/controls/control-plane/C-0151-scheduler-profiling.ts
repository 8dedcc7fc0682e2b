import { commandFlag, control } from "../../../dsl/index.js";
import { componentContainers, SCHEDULER_PODS } from "./shared/components.js";
import { booleanViolations } from "./shared/flags.js";

export default control({
  id: "C-0151",
  name: "Ensure that the Scheduler --profiling argument is set to false",
  baseScore: 3,
  category: "Control plane",
  description:
    "With --profiling (true by default) the scheduler serves Go profiles under /debug/pprof, which reveal details of the program and its memory.",
  remediation: "Add --profiling=false to the kube-scheduler command.",
  kinds: ["Pod"],
  requires: [SCHEDULER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-scheduler").flatMap((ref) =>
      booleanViolations(
        "kube-scheduler",
        commandFlag(ref, "--profiling"),
        false,
        true,
        "it serves profiling data under /debug/pprof",
      ),
    );
  },
});
