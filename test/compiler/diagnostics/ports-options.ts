import { containerPorts, control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

const INIT = true;

export default control({
  id: "C-9021",
  name: "Diagnostic case ports-options",
  baseScore: 5,
  category: "Test",
  description: "A control with one construct the compiler must reject.",
  remediation: "None.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return containerPorts(workload, { init: INIT })
      .filter((ref) => ref.port.hostPort !== undefined)
      .map((ref) => violation("binds a host port", { paths: [`${ref.path}.hostPort`] }));
  },
});
