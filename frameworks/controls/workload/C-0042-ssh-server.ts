import { containerPorts, control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { podLabelsPath } from "./shared/pod-template.js";
import { servicesOf } from "./shared/services.js";

/** The ports SSH servers listen on. */
const SSH_PORTS = [22, 2222];

export default control({
  id: "C-0042",
  name: "SSH server running inside container",
  baseScore: 3,
  category: "Workload",
  description:
    "An SSH server in a container is a way in that bypasses the cluster's access control and audit (kubectl exec) and is a favourite target of brute force. A workload fails when a container declares port 22 or 2222, or a Service of its namespace that selects its pods has port or targetPort 22 or 2222.",
  remediation:
    "Remove the SSH server from the image and the SSH ports from the containers and Services; use kubectl exec or ephemeral debug containers instead.",
  // Services are counted and pass: the workloads they expose are judged.
  kinds: [...WORKLOAD_KINDS, "Service"],
  check(object, context) {
    if (object.kind === "Service") return [];
    const declared = containerPorts(object, { init: true, ephemeral: true })
      .filter((ref) => SSH_PORTS.includes(ref.port.containerPort))
      .map((ref) =>
        violation(`container "${ref.container.name}" listens on SSH port ${ref.port.containerPort}`, {
          paths: [`${ref.path}.containerPort`],
        }),
      );
    const exposed = servicesOf(object, context)
      .filter((service) =>
        (service.spec?.ports ?? []).some(
          (port) => SSH_PORTS.includes(port.port) || port.targetPort === 22 || port.targetPort === 2222,
        ),
      )
      .map((service) =>
        violation(`Service "${service.metadata?.name ?? ""}" sends SSH port traffic to the pods`, {
          paths: [podLabelsPath(object)],
        }),
      );
    return [...declared, ...exposed];
  },
});
