import { containers, control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-9009",
  name: "Diagnostic case regex-lookahead",
  baseScore: 5,
  category: "Test",
  description: "A control with one construct the compiler must reject.",
  remediation: "None.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return containers(workload)
      .filter((ref) => /^(?!registry\.example\.com\/)/.test(ref.container.image ?? ""))
      .map((ref) => violation(`container ${ref.container.name} pulls from elsewhere`));
  },
});
