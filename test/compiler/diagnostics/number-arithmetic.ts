import { containers, control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-9011",
  name: "Diagnostic case number-arithmetic",
  baseScore: 5,
  category: "Test",
  description: "A control with one construct the compiler must reject.",
  remediation: "None.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return containers(workload)
      .filter((ref) => (ref.container.ports ?? []).length + 1 > 3)
      .map((ref) => violation(`container ${ref.container.name} has many ports`));
  },
});
