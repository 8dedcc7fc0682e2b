import { control, namespaceOf, podSpec, podSpecPath, violation, WORKLOAD_KINDS_WITH_RC } from "../../../dsl/index.js";
import { namespaceInScan } from "./shared/scope.js";

export default control({
  id: "C-0307",
  name: "Non-existent service account",
  baseScore: 5,
  category: "Workload",
  description:
    "Pods of a workload that names a ServiceAccount missing from its namespace are refused by the API server, so the workload never runs; and whoever later creates an account of that name decides the pods' permissions. The default account (and an empty name) is always there.",
  remediation:
    "Create the ServiceAccount in the workload's namespace, or set serviceAccountName in the pod template to one that exists.",
  // ServiceAccounts are counted and pass, as in Kubescape: the workloads are what is judged.
  kinds: [...WORKLOAD_KINDS_WITH_RC, "ServiceAccount"],
  check(workload, context) {
    if (workload.kind === "ServiceAccount") return [];
    const spec = podSpec(workload);
    // serviceAccount is the deprecated name of serviceAccountName, read when the latter is empty.
    const byName = (spec?.serviceAccountName ?? "") !== "";
    const name = byName ? (spec?.serviceAccountName ?? "") : (spec?.serviceAccount ?? "");
    const path = `${podSpecPath(workload)}.${byName ? "serviceAccountName" : "serviceAccount"}`;
    const namespace = namespaceOf(workload);
    if (name === "" || name === "default" || context.object("ServiceAccount", namespace, name) !== undefined) return [];
    // No ServiceAccount of the namespace in the scan says nothing about the accounts it has.
    if (context.objectsIn("ServiceAccount", namespace).length === 0 && !namespaceInScan(context, namespace)) return [];
    return [violation(`ServiceAccount "${name}" not found in namespace "${namespace}"`, { paths: [path] })];
  },
});
