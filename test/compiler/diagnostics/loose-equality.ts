import { containers, control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-9001",
  name: "Diagnostic case loose-equality",
  baseScore: 5,
  category: "Test",
  description: "A control with one construct the compiler must reject.",
  remediation: "None.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return containers(workload)
      .filter((ref) => ref.container.securityContext?.privileged == true)
      .map((ref) => violation(`container ${ref.container.name} is privileged`));
  },
});
