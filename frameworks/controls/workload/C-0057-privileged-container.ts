import { containers, control, fix, fixRemove, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { isCapability } from "./shared/capabilities.js";

export default control({
  id: "C-0057",
  name: "Privileged container",
  baseScore: 8,
  category: "Workload",
  description:
    "A privileged container, or one granted CAP_SYS_ADMIN, has almost every capability of the host: it can load kernel modules, mount the host filesystem and escape the container.",
  remediation:
    "Remove securityContext.privileged: true and the SYS_ADMIN capability; grant only the specific capabilities the workload needs.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return containers(workload, { init: true, ephemeral: true }).flatMap((ref) => {
      const context = ref.container.securityContext;
      const sysAdminPaths = (context?.capabilities?.add ?? []).flatMap((capability, index) =>
        isCapability(capability, "SYS_ADMIN") ? [`${ref.path}.securityContext.capabilities.add[${index}]`] : [],
      );
      const privilegedPath = `${ref.path}.securityContext.privileged`;
      const privileged = context?.privileged === true;
      const paths = [...(privileged ? [privilegedPath] : []), ...sysAdminPaths];
      return paths.length > 0
        ? [
            violation(`container "${ref.container.name}" is privileged or has CAP_SYS_ADMIN`, {
              paths,
              fixes: [
                ...(privileged ? [fix(privilegedPath, "false")] : []),
                ...sysAdminPaths.map((path) => fixRemove(path)),
              ],
            }),
          ]
        : [];
    });
  },
});
