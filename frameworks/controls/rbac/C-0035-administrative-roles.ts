import { bindingSubjects, control, grantedRules, ruleAllows, SUBJECT_KINDS } from "../../../dsl/index.js";
import { grantViolation, RBAC_PARAMETERS } from "./shared.js";

// Every verb on every resource (of the core group, or of every group): what cluster-admin holds.
const EVERYTHING = { verbs: ["*"], apiGroups: ["", "*"], resources: ["*"] };

export default control({
  id: "C-0035",
  name: "Administrative Roles",
  baseScore: 6,
  category: "Access control",
  description:
    "A subject whose role allows every verb on every resource (verbs, resources and API groups written as *) is an administrator of the namespace or cluster it is bound in, as cluster-admin is. Each subject a binding grants such a rule is a finding, naming the role, its rule and the binding.",
  remediation:
    "Keep administrative roles to the few identities that need them: remove other subjects from the binding, or bind a role listing the verbs and resources they use.",
  kinds: ["RoleBinding", "ClusterRoleBinding"],
  subjects: SUBJECT_KINDS,
  parameters: RBAC_PARAMETERS,
  check(binding, context) {
    const rules = grantedRules(binding, context).filter((granted) => ruleAllows(granted.rule, EVERYTHING));
    return bindingSubjects(binding, [
      ...context.params.rbacSystemSubjects,
      ...context.params.rbacAllowedSubjects,
    ]).flatMap((ref) => rules.map((granted) => grantViolation(binding, ref, granted, "do anything to any resource")));
  },
});
