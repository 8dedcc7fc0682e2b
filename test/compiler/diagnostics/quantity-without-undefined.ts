import { compareQuantities, containers, control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-9015",
  name: "Diagnostic case quantity-without-undefined",
  baseScore: 5,
  category: "Test",
  description: "A control with one construct the compiler must reject.",
  remediation: "None.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return containers(workload)
      .filter((ref) => compareQuantities(ref.container.resources?.limits?.memory, "2Gi") > 0)
      .map((ref) => violation(`container ${ref.container.name} may use more than 2Gi`));
  },
});
