import { containers, control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-9100",
  name: "A well-formed control compiled beside the broken ones",
  baseScore: 5,
  category: "Test",
  description: "Compiles: one bad control must not stop the others.",
  remediation: "None.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return containers(workload)
      .filter((ref) => ref.container.securityContext?.privileged === true)
      .map((ref) => violation(`container ${ref.container.name} is privileged`));
  },
});
