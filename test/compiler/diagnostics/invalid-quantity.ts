import { compareQuantities, containers, control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-9014",
  name: "Diagnostic case invalid-quantity",
  baseScore: 5,
  category: "Test",
  description: "A control with one construct the compiler must reject.",
  remediation: "None.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return containers(workload)
      .filter((ref) => (compareQuantities(ref.container.resources?.limits?.memory, "2GB") ?? 1) > 0)
      .map((ref) => violation(`container ${ref.container.name} may use more than 2GB`));
  },
});
