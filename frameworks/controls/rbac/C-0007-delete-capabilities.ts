import { bindingSubjects, control, grantedRules, ruleAllows, SUBJECT_KINDS } from "../../../dsl/index.js";
import { grantViolation, RBAC_PARAMETERS } from "./shared.js";

const DELETE_CORE = {
  verbs: ["delete", "deletecollection"],
  apiGroups: [""],
  resources: ["secrets", "pods", "services"],
};
const DELETE_APPS = {
  verbs: ["delete", "deletecollection"],
  apiGroups: ["apps"],
  resources: ["deployments", "replicasets", "daemonsets", "statefulsets"],
};
const DELETE_BATCH = { verbs: ["delete", "deletecollection"], apiGroups: ["batch"], resources: ["jobs", "cronjobs"] };

export default control({
  id: "C-0007",
  name: "Roles with delete capabilities",
  baseScore: 5,
  category: "Access control",
  description:
    "A subject allowed to delete secrets, pods, services or workloads (deployments, replica sets, daemon sets, stateful sets, jobs, cron jobs) can take applications down or remove evidence. Each subject a binding grants that is a finding, naming the role, its rule and the binding.",
  remediation:
    "Remove the subject from the binding, or bind a role without delete and deletecollection on these resources; keep deletion with the deployment pipeline's own account.",
  kinds: ["RoleBinding", "ClusterRoleBinding"],
  subjects: SUBJECT_KINDS,
  parameters: RBAC_PARAMETERS,
  check(binding, context) {
    const rules = grantedRules(binding, context).filter(
      (granted) =>
        ruleAllows(granted.rule, DELETE_CORE) ||
        ruleAllows(granted.rule, DELETE_APPS) ||
        ruleAllows(granted.rule, DELETE_BATCH),
    );
    return bindingSubjects(binding, [
      ...context.params.rbacSystemSubjects,
      ...context.params.rbacAllowedSubjects,
    ]).flatMap((ref) =>
      rules.map((granted) => grantViolation(binding, ref, granted, "delete secrets, pods, services or workloads")),
    );
  },
});
