import { containers, control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-0207",
  name: "Prefer using secrets as files over secrets as environment variables",
  baseScore: 4,
  category: "Workload",
  description:
    "Secrets in environment variables leak easily: into logs and crash dumps, to child processes, and to anyone who reads the process environment. A container (init and ephemeral ones included) fails when an env entry takes its value from a Secret (valueFrom.secretKeyRef) or envFrom loads a whole Secret.",
  remediation:
    "Mount the Secret as a volume and have the application read the file; remove the env entries with secretKeyRef and the envFrom entries with secretRef.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return containers(workload, { init: true, ephemeral: true }).flatMap((ref) => [
      ...(ref.container.env ?? []).flatMap((variable, index) =>
        variable.valueFrom?.secretKeyRef !== undefined
          ? [
              violation(
                `container "${ref.container.name}" reads Secret "${variable.valueFrom.secretKeyRef.name ?? ""}" into environment variable "${variable.name}"`,
                { paths: [`${ref.path}.env[${index}].name`] },
              ),
            ]
          : [],
      ),
      ...(ref.container.envFrom ?? []).flatMap((source, index) =>
        source.secretRef !== undefined
          ? [
              violation(
                `container "${ref.container.name}" loads Secret "${source.secretRef.name ?? ""}" into its environment`,
                { paths: [`${ref.path}.envFrom[${index}].secretRef`] },
              ),
            ]
          : [],
      ),
    ]);
  },
});
