import { containers, control, param, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-9100",
  name: "A well-formed control compiled beside the broken ones",
  baseScore: 5,
  category: "Test",
  description: "Compiles: one bad control must not stop the others.",
  remediation: "None.",
  kinds: WORKLOAD_KINDS,
  parameters: { maxReplicas: param.integer(10) },
  check(workload, context) {
    return containers(workload)
      .filter((ref) => ref.container.securityContext?.privileged === true || context.params.maxReplicas < 1)
      .map((ref) => violation(`container ${ref.container.name} is privileged`));
  },
});
