import { bindingSubjects, control, grantedRules, ruleAllows, SUBJECT_KINDS } from "../../../dsl/index.js";
import { grantViolation, RBAC_PARAMETERS } from "./shared.js";

const READ_SECRETS = { verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["secrets"] };

export default control({
  id: "C-0015",
  name: "List Kubernetes secrets",
  baseScore: 7,
  category: "Access control",
  description:
    "A subject allowed to get, list or watch secrets reads every credential they hold: service account tokens, registry passwords, TLS keys. Each subject a binding grants that is a finding, naming the role, its rule and the binding.",
  remediation:
    "Remove the subject from the binding, or bind a role without get, list and watch on secrets; where an application needs one secret, name it in resourceNames.",
  kinds: ["RoleBinding", "ClusterRoleBinding"],
  subjects: SUBJECT_KINDS,
  parameters: RBAC_PARAMETERS,
  check(binding, context) {
    const rules = grantedRules(binding, context).filter((granted) => ruleAllows(granted.rule, READ_SECRETS));
    return bindingSubjects(binding, [
      ...context.params.rbacSystemSubjects,
      ...context.params.rbacAllowedSubjects,
    ]).flatMap((ref) => rules.map((granted) => grantViolation(binding, ref, granted, "read secrets")));
  },
});
