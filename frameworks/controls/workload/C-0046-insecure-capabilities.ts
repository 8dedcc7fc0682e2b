import { containers, control, fixRemove, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { isCapability } from "./shared/capabilities.js";

export default control({
  id: "C-0046",
  name: "Insecure capabilities",
  baseScore: 7,
  category: "Workload",
  description:
    "Some Linux capabilities (the control input insecureCapabilities, e.g. SYS_ADMIN, NET_ADMIN, SYS_PTRACE, ALL) give a container powers over the node or its network that an attacker can use to break out.",
  remediation:
    "Remove the listed capabilities from securityContext.capabilities.add; drop ALL and add back only what is needed.",
  kinds: WORKLOAD_KINDS,
  inputs: ["insecureCapabilities"],
  check(workload, context) {
    return containers(workload, { init: true, ephemeral: true }).flatMap((ref) => {
      const added = ref.container.securityContext?.capabilities?.add ?? [];
      const paths = added.flatMap((capability, index) =>
        context.inputs.insecureCapabilities.some((insecure) => isCapability(capability, insecure))
          ? [`${ref.path}.securityContext.capabilities.add[${index}]`]
          : [],
      );
      return paths.length > 0
        ? [
            violation(`container "${ref.container.name}" adds insecure capabilities`, {
              paths,
              fixes: paths.map((path) => fixRemove(path)),
            }),
          ]
        : [];
    });
  },
});
