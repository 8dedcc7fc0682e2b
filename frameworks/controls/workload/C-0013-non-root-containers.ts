import { containers, control, fix, podSpec, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-0013",
  name: "Non-root containers",
  baseScore: 6,
  category: "Workload",
  description:
    "A container running as root (UID 0) turns any escape into root on the node. A container counts as non-root when runAsNonRoot is true or runAsUser is above 0, in its own securityContext or, where it sets neither, in the pod's.",
  remediation:
    "Set runAsNonRoot: true (and a non-zero runAsUser where the image has no non-root user) in the pod or container securityContext.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    const podContext = podSpec(workload)?.securityContext;
    return containers(workload, { init: true, ephemeral: true })
      .filter((ref) => {
        const own = ref.container.securityContext;
        const runAsNonRoot = own?.runAsNonRoot ?? podContext?.runAsNonRoot;
        const runAsUser = own?.runAsUser ?? podContext?.runAsUser;
        return runAsNonRoot !== true && !(runAsUser !== undefined && runAsUser > 0);
      })
      .map((ref) =>
        violation(`container "${ref.container.name}" may run as root`, {
          paths: [`${ref.path}.securityContext.runAsNonRoot`],
          fixes: [fix(`${ref.path}.securityContext.runAsNonRoot`, "true")],
        }),
      );
  },
});
