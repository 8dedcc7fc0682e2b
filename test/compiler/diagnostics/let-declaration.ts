import { containers, control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-9004",
  name: "Diagnostic case let-declaration",
  baseScore: 5,
  category: "Test",
  description: "A control with one construct the compiler must reject.",
  remediation: "None.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    let found = containers(workload);
    return found.map((ref) => violation(`container ${ref.container.name}`));
  },
});
