import { containers, control, fixChoice, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-0018",
  name: "Configured readiness probe",
  baseScore: 3,
  category: "Workload",
  description:
    "Without a readiness probe, a container receives Service traffic as soon as it starts, before it can answer, and keeps receiving it when it stops answering. Only app containers are read: init and ephemeral containers serve no traffic.",
  remediation: "Add a readinessProbe (httpGet, tcpSocket, grpc or exec) to every app container.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return containers(workload)
      .filter((ref) => ref.container.readinessProbe === undefined)
      .map((ref) =>
        violation(`container "${ref.container.name}" has no readiness probe`, {
          paths: [`${ref.path}.readinessProbe`],
          // A probe has no default: the user writes it (fix lists the finding as needing a choice).
          fixes: [fixChoice(`${ref.path}.readinessProbe`, "readinessProbe", "")],
        }),
      );
  },
});
