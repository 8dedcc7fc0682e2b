import { containers, control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";
function depth(value: string): number {
  return value.startsWith("x") ? depth(value) : 0;
}
export default control({
  id: "C-9008",
  name: "Diagnostic case recursion",
  baseScore: 5,
  category: "Test",
  description: "A control with one construct the compiler must reject.",
  remediation: "None.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return containers(workload)
      .filter((ref) => depth(ref.container.name) > 1)
      .map((ref) => violation(`container ${ref.container.name}`));
  },
});
