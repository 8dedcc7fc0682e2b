import { bindingSubjects, control, grantedRules, ruleAllows, SUBJECT_KINDS } from "../../../dsl/index.js";
import { grantViolation, RBAC_PARAMETERS } from "./shared.js";

// Wildcards for the verbs and resources, of the core group or of every group.
const WILDCARDS = { verbs: ["*"], apiGroups: ["", "*"], resources: ["*"] };

export default control({
  id: "C-0187",
  name: "Minimize wildcard use in Roles and ClusterRoles",
  baseScore: 7,
  category: "Access control",
  description:
    "A rule whose verbs and resources are * grants every current and future permission on them, including ones added by new API versions and custom resources. Each subject a binding grants such a rule is a finding, naming the role, its rule and the binding.",
  remediation:
    "Replace * in the rule's verbs and resources with the ones the subjects use, or remove the subject from the binding.",
  kinds: ["RoleBinding", "ClusterRoleBinding"],
  subjects: SUBJECT_KINDS,
  parameters: RBAC_PARAMETERS,
  check(binding, context) {
    const rules = grantedRules(binding, context).filter((granted) => ruleAllows(granted.rule, WILDCARDS));
    return bindingSubjects(binding, [
      ...context.params.rbacSystemSubjects,
      ...context.params.rbacAllowedSubjects,
    ]).flatMap((ref) =>
      rules.map((granted) => grantViolation(binding, ref, granted, "use any verb on any resource (wildcards)")),
    );
  },
});
