import { containers, control, fixChoice, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-0056",
  name: "Configured liveness probe",
  baseScore: 4,
  category: "Workload",
  description:
    "Without a liveness probe, the kubelet restarts a container only when its process exits: one that hangs or deadlocks stays in service. Only app containers are read: init and ephemeral containers take no liveness probe.",
  remediation: "Add a livenessProbe (httpGet, tcpSocket, grpc or exec) to every app container.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return containers(workload)
      .filter((ref) => ref.container.livenessProbe === undefined)
      .map((ref) =>
        violation(`container "${ref.container.name}" has no liveness probe`, {
          paths: [`${ref.path}.livenessProbe`],
          // A probe has no default: the user writes it (fix lists the finding as needing a choice).
          fixes: [fixChoice(`${ref.path}.livenessProbe`, "livenessProbe", "")],
        }),
      );
  },
});
