import { control, param, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-9017",
  name: "Diagnostic case parameter-name",
  baseScore: 5,
  category: "Test",
  description: "A control with one parameter the compiler must reject.",
  remediation: "None.",
  kinds: WORKLOAD_KINDS,
  parameters: {
    "max-replicas": param.integer(3),
  },
  check(workload, context) {
    return [];
  },
});
