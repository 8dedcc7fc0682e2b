import {
  bindingSubjects,
  boundRole,
  control,
  podSpec,
  podSpecPath,
  SUBJECT_KINDS,
  violation,
  WORKLOAD_KINDS,
} from "../../../dsl/index.js";
import { bindingLabel, RBAC_PARAMETERS, scopeOf, subjectLabel } from "./shared.js";

const DASHBOARD = "kubernetes-dashboard";

export default control({
  id: "C-0014",
  name: "Access Kubernetes dashboard",
  baseScore: 2,
  category: "Access control",
  description:
    "The Kubernetes dashboard's role and service account carry its broad permissions. A subject other than the dashboard's own account bound to a role named kubernetes-dashboard, or a workload other than the dashboard running as the kubernetes-dashboard service account, gets them too.",
  remediation:
    "Remove other subjects from bindings of the kubernetes-dashboard role, and run other workloads with their own service account (spec.serviceAccountName).",
  kinds: ["RoleBinding", "ClusterRoleBinding", ...WORKLOAD_KINDS],
  subjects: SUBJECT_KINDS,
  parameters: RBAC_PARAMETERS,
  check(object, context) {
    if (object.kind === "RoleBinding" || object.kind === "ClusterRoleBinding") {
      const role = boundRole(object, context);
      if (role === undefined || role.metadata?.name !== DASHBOARD) return [];
      return bindingSubjects(object, [...context.params.rbacSystemSubjects, ...context.params.rbacAllowedSubjects])
        .filter((ref) => ref.subject.name !== DASHBOARD)
        .map((ref) =>
          violation(
            `${subjectLabel(ref, object)} gets the dashboard's ${role.kind} "${DASHBOARD}" ${scopeOf(object)} through ${bindingLabel(object)}`,
            { paths: [ref.path, "roleRef.name"] },
          ),
        );
    }
    const path = `${podSpecPath(object)}.serviceAccountName`;
    return podSpec(object)?.serviceAccountName === DASHBOARD && !(object.metadata?.name ?? "").startsWith(DASHBOARD)
      ? [violation(`runs as the dashboard's service account "${DASHBOARD}"`, { paths: [path] })]
      : [];
  },
});
