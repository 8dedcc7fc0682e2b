import { control, param, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-9101",
  name: "Diagnostic case parameter-disagreement",
  baseScore: 5,
  category: "Test",
  description: "A control with one parameter the compiler must reject.",
  remediation: "None.",
  kinds: WORKLOAD_KINDS,
  parameters: {
    maxReplicas: param.string("10"),
  },
  check(workload, context) {
    return workload.metadata?.name === context.params.maxReplicas ? [violation("named like a number")] : [];
  },
});
