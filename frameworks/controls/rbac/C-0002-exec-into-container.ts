import { bindingSubjects, control, grantedRules, ruleAllows, SUBJECT_KINDS } from "../../../dsl/index.js";
import { grantViolation, RBAC_PARAMETERS } from "./shared.js";

const EXEC = { verbs: ["create"], apiGroups: [""], resources: ["pods/exec", "pods/attach"] };

export default control({
  id: "C-0002",
  name: "Prevent containers from allowing command execution",
  baseScore: 5,
  category: "Access control",
  description:
    "A subject allowed to create pods/exec or pods/attach runs commands inside running containers, with their service account token, mounted secrets and network reach. Each subject a RoleBinding or ClusterRoleBinding grants that is a finding, naming the role, its rule and the binding.",
  remediation:
    "Remove the subject from the binding, or bind a role without create on pods/exec and pods/attach; grant it, scoped to one namespace, only to the people who debug workloads there.",
  kinds: ["RoleBinding", "ClusterRoleBinding"],
  subjects: SUBJECT_KINDS,
  parameters: RBAC_PARAMETERS,
  check(binding, context) {
    const rules = grantedRules(binding, context).filter((granted) => ruleAllows(granted.rule, EXEC));
    return bindingSubjects(binding, [
      ...context.params.rbacSystemSubjects,
      ...context.params.rbacAllowedSubjects,
    ]).flatMap((ref) =>
      rules.map((granted) =>
        grantViolation(binding, ref, granted, "run commands in containers (create pods/exec or pods/attach)"),
      ),
    );
  },
});
