import { control, param, violation } from "../../../dsl/index.js";

export default control({
  id: "C-9016",
  name: "Diagnostic case parameter-default",
  baseScore: 5,
  category: "Test",
  description: "A control with one parameter the compiler must reject.",
  remediation: "None.",
  kinds: ["Deployment"],
  parameters: {
    maxReplicas: param.integer(2.5),
  },
  check(workload, context) {
    return (workload.spec?.replicas ?? 1) > context.params.maxReplicas ? [violation("too many replicas")] : [];
  },
});
