import { type CheckContext, control, fix, podSpec, violation, type Workload } from "../../../dsl/index.js";

/** Whether the pods of a workload run as the service account "default" (naming none, or ""). */
function runsAsDefault(workload: Workload): boolean {
  const spec = podSpec(workload);
  const account = spec?.serviceAccountName ?? spec?.serviceAccount ?? "";
  return account === "" || account === "default";
}

/** Whether some workload in `namespace` runs as its default service account. */
function defaultAccountInUse(context: CheckContext, namespace: string): boolean {
  return [
    ...context.objectsIn("Pod", namespace),
    ...context.objectsIn("Deployment", namespace),
    ...context.objectsIn("ReplicaSet", namespace),
    ...context.objectsIn("DaemonSet", namespace),
    ...context.objectsIn("StatefulSet", namespace),
    ...context.objectsIn("Job", namespace),
    ...context.objectsIn("CronJob", namespace),
  ].some((workload) => runsAsDefault(workload));
}

export default control({
  id: "C-0189",
  name: "Ensure that default service accounts are not actively used",
  baseScore: 5,
  category: "Workload",
  description:
    'Every pod that names no service account runs as its namespace\'s "default" one, which then collects the permissions all of them need, and mounts its token unless told not to. Workloads should run as service accounts of their own, and each default service account should set automountServiceAccountToken: false.',
  remediation:
    "Set automountServiceAccountToken: false on every ServiceAccount named default; create a ServiceAccount for each workload that calls the API and name it in the pod spec's serviceAccountName.",
  kinds: ["Namespace", "ServiceAccount"],
  check(object, context) {
    if (object.kind === "ServiceAccount") {
      if (object.metadata?.name !== "default" || object.automountServiceAccountToken === false) return [];
      return [
        violation("the default service account mounts its token in every pod that names no service account", {
          paths: ["automountServiceAccountToken"],
          fixes: [fix("automountServiceAccountToken", "false")],
        }),
      ];
    }
    const namespace = object.metadata?.name ?? "";
    const ownAccounts = context
      .objectsIn("ServiceAccount", namespace)
      .some((account) => account.metadata?.name !== "default");
    if (ownAccounts || !defaultAccountInUse(context, namespace)) return [];
    return [
      violation(
        'workloads in this namespace run as its "default" service account, and it has no other: create a ServiceAccount for them and name it in their serviceAccountName',
        { paths: ["metadata.name"] },
      ),
    ];
  },
});
