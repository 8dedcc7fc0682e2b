import { commandFlag, control } from "../../../dsl/index.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { booleanViolations } from "./shared/flags.js";

export default control({
  id: "C-0129",
  name: "Ensure that the API Server --profiling argument is set to false",
  baseScore: 3,
  category: "Control plane",
  description:
    "With --profiling (true by default) the API server serves Go profiles under /debug/pprof, which reveal details of the program and its memory and can be used to load it.",
  remediation: "Add --profiling=false to the kube-apiserver command.",
  kinds: ["Pod"],
  requires: [API_SERVER_PODS],
  check(pod) {
    return componentContainers(pod, "kube-apiserver").flatMap((ref) =>
      booleanViolations(
        "kube-apiserver",
        commandFlag(ref, "--profiling"),
        false,
        true,
        "it serves profiling data under /debug/pprof",
      ),
    );
  },
});
