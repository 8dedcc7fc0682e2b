import { containers, control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-9012",
  name: "Diagnostic case missing-return",
  baseScore: 5,
  category: "Test",
  description: "A control with one construct the compiler must reject.",
  remediation: "None.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    const refs = containers(workload);
    if (refs.length > 5) {
      const first = refs[0];
    }
    return refs.map((ref) => violation(`container ${ref.container.name}`));
  },
});
