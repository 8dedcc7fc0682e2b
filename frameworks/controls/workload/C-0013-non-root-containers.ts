import { containers, control, fix, podSpec, podSpecPath, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-0013",
  name: "Non-root containers",
  baseScore: 6,
  category: "Workload",
  description:
    "A container running as root (UID 0) or with the root group (GID 0) turns any escape into root on the node and can read and write files owned by root. A container counts as non-root when runAsNonRoot is true or runAsUser is above 0, and runAsGroup is above 0, each read from its own securityContext or, where it sets none, from the pod's.",
  remediation:
    "Set runAsNonRoot: true (and a non-zero runAsUser where the image has no non-root user) and a non-zero runAsGroup in the pod or container securityContext.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    const pod = podSpec(workload)?.securityContext;
    const podPath = `${podSpecPath(workload)}.securityContext`;
    return containers(workload, { init: true, ephemeral: true }).flatMap((ref) => {
      const own = ref.container.securityContext;
      const ownPath = `${ref.path}.securityContext`;
      const runAsNonRoot = own?.runAsNonRoot ?? pod?.runAsNonRoot;
      const runAsUser = own?.runAsUser ?? pod?.runAsUser;
      const runAsGroup = own?.runAsGroup ?? pod?.runAsGroup;
      // Where a user or group is set to 0, the fix raises it there; where none is set, in the container.
      const userContext = own?.runAsUser !== undefined ? ownPath : podPath;
      const userSet = own?.runAsUser !== undefined || pod?.runAsUser !== undefined;
      const groupContext = own?.runAsGroup === undefined && pod?.runAsGroup !== undefined ? podPath : ownPath;
      const mayRunAsRoot = runAsNonRoot !== true && !(runAsUser !== undefined && runAsUser > 0);
      const mayRunAsRootGroup = !(runAsGroup !== undefined && runAsGroup > 0);
      return [
        ...(mayRunAsRoot
          ? [
              !userSet
                ? violation(`container "${ref.container.name}" may run as root`, {
                    paths: [`${ownPath}.runAsNonRoot`],
                    fixes: [fix(`${ownPath}.runAsNonRoot`, "true")],
                  })
                : violation(`container "${ref.container.name}" runs as root (runAsUser 0)`, {
                    paths: [`${userContext}.runAsUser`],
                    fixes: [fix(`${userContext}.runAsUser`, "1000")],
                  }),
            ]
          : []),
        ...(mayRunAsRootGroup
          ? [
              violation(`container "${ref.container.name}" may run with the root group (runAsGroup is 0 or unset)`, {
                paths: [`${groupContext}.runAsGroup`],
                fixes: [fix(`${groupContext}.runAsGroup`, "1000")],
              }),
            ]
          : []),
      ];
    });
  },
});
