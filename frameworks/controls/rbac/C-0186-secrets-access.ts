import { bindingSubjects, control, grantedRules, ruleAllows, SUBJECT_KINDS } from "../../../dsl/index.js";
import { grantViolation, RBAC_PARAMETERS } from "./shared.js";

const READ_SECRETS = { verbs: ["get", "list", "watch"], apiGroups: [""], resources: ["secrets"] };

export default control({
  id: "C-0186",
  name: "Minimize access to secrets",
  baseScore: 6,
  category: "Access control",
  description:
    "Reading secrets (get, list or watch) exposes every credential they hold, so the CIS benchmark asks to grant it to as few subjects as possible. Each subject a binding grants it is a finding, naming the role, its rule and the binding.",
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
