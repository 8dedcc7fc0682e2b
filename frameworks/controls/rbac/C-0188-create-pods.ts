import { bindingSubjects, control, grantedRules, ruleAllows, SUBJECT_KINDS } from "../../../dsl/index.js";
import { grantViolation, RBAC_PARAMETERS } from "./shared.js";

const CREATE_PODS = { verbs: ["create"], apiGroups: [""], resources: ["pods"] };

export default control({
  id: "C-0188",
  name: "Minimize access to create pods",
  baseScore: 5,
  category: "Access control",
  description:
    "A subject that creates pods can run them as any service account of the namespace and mount any of its secrets, so it holds those permissions too. Each subject a binding grants create on pods is a finding, naming the role, its rule and the binding.",
  remediation:
    "Remove the subject from the binding, or bind a role without create on pods; let controllers (deployments, jobs) create pods for people.",
  kinds: ["RoleBinding", "ClusterRoleBinding"],
  subjects: SUBJECT_KINDS,
  parameters: RBAC_PARAMETERS,
  check(binding, context) {
    const rules = grantedRules(binding, context).filter((granted) => ruleAllows(granted.rule, CREATE_PODS));
    return bindingSubjects(binding, [
      ...context.params.rbacSystemSubjects,
      ...context.params.rbacAllowedSubjects,
    ]).flatMap((ref) => rules.map((granted) => grantViolation(binding, ref, granted, "create pods")));
  },
});
