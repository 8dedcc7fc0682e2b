import { containers, control, fix, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-0016",
  name: "Allow privilege escalation",
  baseScore: 6,
  category: "Workload",
  description:
    "A process in a container that allows privilege escalation can gain more privileges than its parent (for example through setuid binaries), which is a first step towards escaping to the node.",
  remediation: "Set securityContext.allowPrivilegeEscalation to false in every container.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return containers(workload, { init: true, ephemeral: true })
      .filter((ref) => ref.container.securityContext?.allowPrivilegeEscalation !== false)
      .map((ref) =>
        violation(`container "${ref.container.name}" does not set allowPrivilegeEscalation to false`, {
          paths: [`${ref.path}.securityContext.allowPrivilegeEscalation`],
          // The API server refuses allowPrivilegeEscalation: false on a privileged container.
          fixes:
            ref.container.securityContext?.privileged === true
              ? [
                  fix(`${ref.path}.securityContext.allowPrivilegeEscalation`, "false"),
                  fix(`${ref.path}.securityContext.privileged`, "false"),
                ]
              : [fix(`${ref.path}.securityContext.allowPrivilegeEscalation`, "false")],
        }),
      );
  },
});
