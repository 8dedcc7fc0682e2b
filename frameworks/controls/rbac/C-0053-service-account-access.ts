import { bindingSubjects, boundRole, control, violation } from "../../../dsl/index.js";
import { bindingLabel, RBAC_PARAMETERS, scopeOf, subjectLabel } from "./shared.js";

export default control({
  id: "C-0053",
  name: "Access container service account",
  baseScore: 6,
  category: "Access control",
  description:
    "Every service account bound to a role hands that role's permissions to whoever reads its token: a container running as it, or anyone who can read its secret. Each service account a RoleBinding or ClusterRoleBinding binds to a role is a finding to review, naming the role and the binding.",
  remediation:
    "Bind service accounts only to roles their workloads need, keep their tokens out of pods that do not call the API (automountServiceAccountToken: false), and accept the reviewed ones with rbacAllowedSubjects.",
  kinds: ["RoleBinding", "ClusterRoleBinding"],
  subjects: ["ServiceAccount"],
  parameters: RBAC_PARAMETERS,
  check(binding, context) {
    const role = boundRole(binding, context);
    if (role === undefined) return [];
    return bindingSubjects(binding, [...context.params.rbacSystemSubjects, ...context.params.rbacAllowedSubjects])
      .filter((ref) => ref.subject.kind === "ServiceAccount")
      .map((ref) =>
        violation(
          `${subjectLabel(ref, binding)} holds the permissions of ${role.kind} "${role.metadata?.name ?? ""}" ${scopeOf(binding)} through ${bindingLabel(binding)}: a container using its token can use them`,
          { paths: [ref.path, "roleRef.name"] },
        ),
      );
  },
});
