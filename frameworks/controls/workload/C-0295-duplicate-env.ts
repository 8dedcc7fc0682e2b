import { containers, control, violation, WORKLOAD_KINDS_WITH_RC } from "../../../dsl/index.js";

export default control({
  id: "C-0295",
  name: "Duplicate environment variable",
  baseScore: 3,
  category: "Workload",
  description:
    "When a container's env names a variable twice, the last entry silently wins: the other value, often the one a reader or a patch relies on, is ignored.",
  remediation: "Keep one env entry per variable name in each container.",
  kinds: WORKLOAD_KINDS_WITH_RC,
  check(workload) {
    return containers(workload, { init: true, ephemeral: true }).flatMap((ref) => {
      const env = ref.container.env ?? [];
      return env.flatMap((entry, index) =>
        // Entries without a name (which the API server refuses) are not compared.
        (entry.name ?? "") !== "" && env.some((other, otherIndex) => otherIndex !== index && other.name === entry.name)
          ? [
              violation(
                `container "${ref.container.name}" sets the environment variable "${entry.name}" more than once`,
                {
                  paths: [`${ref.path}.env[${index}].name`],
                },
              ),
            ]
          : [],
      );
    });
  },
});
