import { containers, control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-9006",
  name: "Diagnostic case unsupported-method",
  baseScore: 5,
  category: "Test",
  description: "A control with one construct the compiler must reject.",
  remediation: "None.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return containers(workload)
      .map((ref) => ref.container.name)
      .sort()
      .map((name) => violation(`container ${name}`));
  },
});
