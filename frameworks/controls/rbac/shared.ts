// What the RBAC controls share: the subjects a platform team skips (parameters every RBAC control
// declares, so one controls-config entry applies to all of them) and the finding of a subject
// that a binding grants a risky rule. Written in the check subset: each control compiles them.
import {
  type GrantedRule,
  namespaceOf,
  param,
  type RbacBinding,
  type SubjectRef,
  subjectNamespace,
  type Violation,
  violation,
} from "../../../dsl/index.js";

/** The parameters of every RBAC control (one setting each for all of them). */
export const RBAC_PARAMETERS = {
  rbacSystemSubjects: param.strings([], {
    description:
      "Built-in identities the RBAC controls skip, as RE2 patterns matching `Kind/namespace/name` in full (`Group//system:masters`, `ServiceAccount/kube-system/.*`). Empty by default: Kubescape reports the cluster's own identities too.",
  }),
  rbacAllowedSubjects: param.strings([], {
    description:
      "Subjects whose permissions the platform team accepts, skipped by every RBAC control: RE2 patterns matching `Kind/namespace/name` in full (`ServiceAccount/platform/.*`, `User//alice`).",
  }),
};

/** `Group "devs"`, `ServiceAccount "team-01/app"`. */
export function subjectLabel(ref: SubjectRef, binding: RbacBinding): string {
  const name = ref.subject.name ?? "";
  return ref.subject.kind === "ServiceAccount"
    ? `ServiceAccount "${subjectNamespace(ref.subject, binding)}/${name}"`
    : `${ref.subject.kind ?? ""} "${name}"`;
}

/** Where a binding's grants apply: a RoleBinding's only in its namespace. */
export function scopeOf(binding: RbacBinding): string {
  return binding.kind === "ClusterRoleBinding" ? "cluster-wide" : `in namespace "${namespaceOf(binding)}"`;
}

/** `ClusterRole "edit"`, and the ClusterRole it is aggregated into when the rule came from there. */
function roleLabel(granted: GrantedRule, binding: RbacBinding): string {
  const name = granted.role.metadata?.name ?? "";
  const bound = binding.roleRef?.name ?? "";
  const role = `${granted.role.kind} "${name}"`;
  return name === bound ? role : `${role} (aggregated into ClusterRole "${bound}")`;
}

/** `ClusterRoleBinding "devs-admin"`. */
export function bindingLabel(binding: RbacBinding): string {
  return `${binding.kind} "${binding.metadata?.name ?? ""}"`;
}

/**
 * The finding of a subject that can `what` through a granted rule: the subject's entry in the
 * binding and the role it binds are what to change.
 */
export function grantViolation(binding: RbacBinding, ref: SubjectRef, granted: GrantedRule, what: string): Violation {
  return violation(
    `${subjectLabel(ref, binding)} can ${what} ${scopeOf(binding)}: ${roleLabel(granted, binding)} ${granted.path} is granted through ${bindingLabel(binding)}`,
    { paths: [ref.path, "roleRef.name"] },
  );
}
