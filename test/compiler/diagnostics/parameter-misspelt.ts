import { control, param, violation } from "../../../dsl/index.js";

export default control({
  id: "C-9014",
  name: "Diagnostic case parameter-misspelt",
  baseScore: 5,
  category: "Test",
  description: "A control with one parameter the compiler must reject.",
  remediation: "None.",
  kinds: ["Deployment"],
  parameters: {
    maxReplicas: param.integer(3),
  },
  check(workload, context) {
    return (workload.spec?.replicas ?? 1) > context.params.maxReplica ? [violation("too many replicas")] : [];
  },
});
