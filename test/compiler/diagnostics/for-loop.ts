import { containers, control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-9005",
  name: "Diagnostic case for-loop",
  baseScore: 5,
  category: "Test",
  description: "A control with one construct the compiler must reject.",
  remediation: "None.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    const found = [];
    for (const ref of containers(workload)) found.push(violation(`container ${ref.container.name}`));
    return found;
  },
});
