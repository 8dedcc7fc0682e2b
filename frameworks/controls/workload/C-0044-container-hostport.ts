import { containers, control, fixRemove, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-0044",
  name: "Container hostPort",
  baseScore: 4,
  category: "Network",
  description:
    "A hostPort binds a container port on the node's own network interface: it bypasses network policies, limits where the pod can be scheduled and exposes the workload outside the cluster network.",
  remediation: "Remove hostPort from container ports; expose the workload through a Service instead.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return containers(workload, { init: true }).flatMap((ref) => {
      const paths = (ref.container.ports ?? []).flatMap((port, index) =>
        (port.hostPort ?? 0) > 0 ? [`${ref.path}.ports[${index}].hostPort`] : [],
      );
      return paths.length > 0
        ? [
            violation(`container "${ref.container.name}" binds a host port`, {
              paths,
              fixes: paths.map((path) => fixRemove(path)),
            }),
          ]
        : [];
    });
  },
});
