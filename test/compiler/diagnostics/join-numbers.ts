import { containers, control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-9030",
  name: "Diagnostic case join-numbers",
  baseScore: 5,
  category: "Test",
  description: "A control with one construct the compiler must reject.",
  remediation: "None.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return containers(workload).map((ref) =>
      violation(`ports ${(ref.container.ports ?? []).map((port) => port.containerPort).join(",")}`),
    );
  },
});
