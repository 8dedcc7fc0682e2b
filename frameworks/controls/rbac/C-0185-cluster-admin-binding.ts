import { bindingSubjects, control, grantedRules, ruleAllows, SUBJECT_KINDS } from "../../../dsl/index.js";
import { grantViolation, RBAC_PARAMETERS } from "./shared.js";

const EVERYTHING = { verbs: ["*"], apiGroups: ["", "*"], resources: ["*"] };

export default control({
  id: "C-0185",
  name: "Ensure that the cluster-admin role is only used where required",
  baseScore: 8,
  category: "Access control",
  description:
    "A ClusterRoleBinding of the cluster-admin ClusterRole gives its subjects unrestricted control of the whole cluster. Each subject so bound is a finding, naming the binding.",
  remediation:
    "Bind cluster-admin only to the identities that administer the cluster; give the others a ClusterRole or Role with the permissions they use, and remove them from the binding.",
  // A ClusterRoleBinding is the only way to grant cluster-admin on the whole cluster.
  kinds: ["ClusterRoleBinding"],
  subjects: SUBJECT_KINDS,
  parameters: RBAC_PARAMETERS,
  check(binding, context) {
    if (binding.roleRef?.name !== "cluster-admin") return [];
    const rules = grantedRules(binding, context).filter((granted) => ruleAllows(granted.rule, EVERYTHING));
    return bindingSubjects(binding, [
      ...context.params.rbacSystemSubjects,
      ...context.params.rbacAllowedSubjects,
    ]).flatMap((ref) => rules.map((granted) => grantViolation(binding, ref, granted, "administer the cluster")));
  },
});
