import { bindingSubjects, control, grantedRules, ruleAllows, SUBJECT_KINDS } from "../../../dsl/index.js";
import { grantViolation, RBAC_PARAMETERS } from "./shared.js";

const BIND_OR_ESCALATE = {
  verbs: ["bind", "escalate"],
  apiGroups: ["rbac.authorization.k8s.io"],
  resources: ["roles", "clusterroles"],
};
const IMPERSONATE = { verbs: ["impersonate"], apiGroups: [""], resources: ["users", "groups", "serviceaccounts"] };
const IMPERSONATE_UIDS = { verbs: ["impersonate"], apiGroups: ["authentication.k8s.io"], resources: ["uids"] };

export default control({
  id: "C-0191",
  name: "Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster",
  baseScore: 6,
  category: "Access control",
  description:
    "bind and escalate on roles let a subject grant permissions it does not hold; impersonate on users, groups, service accounts or UIDs lets it act as any of them. Either way it can reach any permission. Each subject a binding grants one of these is a finding, naming the role, its rule and the binding.",
  remediation:
    "Remove the subject from the binding, or bind a role without bind and escalate on roles and clusterroles and without impersonate; keep them for the identities that manage RBAC.",
  kinds: ["RoleBinding", "ClusterRoleBinding"],
  subjects: SUBJECT_KINDS,
  parameters: RBAC_PARAMETERS,
  check(binding, context) {
    const rules = grantedRules(binding, context).filter(
      (granted) =>
        ruleAllows(granted.rule, BIND_OR_ESCALATE) ||
        ruleAllows(granted.rule, IMPERSONATE) ||
        ruleAllows(granted.rule, IMPERSONATE_UIDS),
    );
    return bindingSubjects(binding, [
      ...context.params.rbacSystemSubjects,
      ...context.params.rbacAllowedSubjects,
    ]).flatMap((ref) =>
      rules.map((granted) =>
        grantViolation(
          binding,
          ref,
          granted,
          "grant itself permissions or act as others (bind, escalate, impersonate)",
        ),
      ),
    );
  },
});
