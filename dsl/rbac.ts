// RBAC rules matched against requests as the API server's RBAC authorizer matches them
// (k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac RuleAllows, with VerbMatches,
// APIGroupMatches, ResourceMatches, ResourceNameMatches and NonResourceURLMatches of
// pkg/apis/rbac/v1). The compiler emits the same steps in Rego
// (compiler/backends/rego/lib-rbac.ts) and CEL (compiler/backends/cel/rbac.ts).
import type { PolicyRule, Subject } from "kubernetes-types/rbac/v1.js";
import type { CheckContext } from "./control.js";
import type { KindMap } from "./kinds.js";
import { regexMatches } from "./regex.js";
import { selectorMatches } from "./selectors.js";
import { namespaceOf } from "./workload.js";

/**
 * Requests for resources: every combination of a verb, an API group, a resource and a name.
 * A rule allows the request when it allows at least one combination.
 */
export interface ResourceRequest {
  /** `get`, `list`, `create`, `escalate`, … */
  readonly verbs: readonly string[];
  /** `""` is the core group (pods, secrets), `apps`, `rbac.authorization.k8s.io`, … */
  readonly apiGroups: readonly string[];
  /** `pods`, or a subresource written `pods/exec`. */
  readonly resources: readonly string[];
  /**
   * Names of the objects requested. Omitted, the request names no object (list, watch, create,
   * deletecollection), which a rule restricted to `resourceNames` never allows.
   */
  readonly resourceNames?: readonly string[];
  readonly nonResourceURLs?: never;
}

/** Requests for URLs that are not resources (`/healthz`, `/metrics`): a verb and a path each. */
export interface NonResourceRequest {
  readonly verbs: readonly string[];
  readonly nonResourceURLs: readonly string[];
  readonly apiGroups?: never;
  readonly resources?: never;
  readonly resourceNames?: never;
}

export type RbacRequest = ResourceRequest | NonResourceRequest;

/** A Role or ClusterRole: the objects that hold rules. */
export type RbacRole = KindMap["Role"] | KindMap["ClusterRole"];

export interface RuleRef {
  readonly rule: PolicyRule;
  /** Path of the rule in the role, e.g. `rules[2]`. */
  readonly path: string;
}

/** The name a request without `resourceNames` asks for: none. */
export const NO_NAME = "";

/** A verb or an API group: the rule names it or holds `*`. */
function listed(allowed: readonly string[] | undefined, requested: string): boolean {
  return (allowed ?? []).some((value) => value === "*" || value === requested);
}

// A resource, `resource` or `resource/subresource`: the rule holds `*`, the same text, or
// `*/subresource` for its subresource (what follows the first `/`, when not empty).
function resourceListed(allowed: readonly string[] | undefined, requested: string): boolean {
  const slash = requested.indexOf("/");
  const subresource = slash === -1 ? "" : requested.slice(slash + 1);
  return (allowed ?? []).some(
    (value) => value === "*" || value === requested || (subresource !== "" && value === `*/${subresource}`),
  );
}

/** A rule without resourceNames allows every name, including none. */
function nameListed(allowed: readonly string[] | undefined, requested: string): boolean {
  return allowed === undefined || allowed.length === 0 || allowed.includes(requested);
}

/** A URL: the rule holds `*`, the same URL, or a prefix of it followed by one or more `*`. */
function urlListed(allowed: readonly string[] | undefined, requested: string): boolean {
  return (allowed ?? []).some(
    (value) => value === requested || (value.endsWith("*") && requested.startsWith(value.replace(/\*+$/, ""))),
  );
}

/**
 * Whether an RBAC rule allows at least one of the requests, as the API server decides:
 *   - verbs and apiGroups: the rule lists the requested value or `*`;
 *   - resources: the rule lists `*`, the requested text (`pods`, `pods/exec`), or, for a
 *     requested subresource `exec`, `*` followed by `/exec` (`pods` alone does not cover
 *     `pods/exec`);
 *   - resourceNames: a rule without them (missing or empty) allows every name; otherwise the
 *     requested name must be listed, and a request without a name is not allowed;
 *   - nonResourceURLs: the rule lists `*`, the URL, or a prefix of it ending in `*`
 *     (`/healthz*` covers `/healthz` and `/healthz/ready`); apiGroups and resources do not count.
 * A missing list in the rule allows nothing (a rule without apiGroups allows no resource); an
 * empty list in the request asks for nothing. A missing rule allows nothing. Matching is exact
 * and case-sensitive.
 */
export function ruleAllows(rule: PolicyRule | undefined, request: RbacRequest): boolean {
  if (rule === undefined) return false;
  const verbs = request.verbs.some((verb) => listed(rule.verbs, verb));
  if (request.nonResourceURLs !== undefined) {
    return verbs && request.nonResourceURLs.some((url) => urlListed(rule.nonResourceURLs, url));
  }
  return (
    verbs &&
    request.apiGroups.some((group) => listed(rule.apiGroups, group)) &&
    request.resources.some((resource) => resourceListed(rule.resources, resource)) &&
    (request.resourceNames ?? [NO_NAME]).some((name) => nameListed(rule.resourceNames, name))
  );
}

/** The rules of a Role or ClusterRole that allow at least one of the requests, with their paths. */
export function rulesAllowing(role: RbacRole | undefined, request: RbacRequest): readonly RuleRef[] {
  return (role?.rules ?? []).flatMap((rule, index) =>
    ruleAllows(rule, request) ? [{ rule, path: `rules[${index}]` }] : [],
  );
}

// Who a binding grants what. A RoleBinding or ClusterRoleBinding grants the rules of one role to
// each of its subjects; the helpers below read them as the API server's RBAC authorizer does.
// They are written in the check subset, so the compiler translates them as it translates a
// control's own helpers: they look up other objects, so a control calling them is
// cross-resource (Rego, Gatekeeper with its sync cache; never an admission policy).

/** A RoleBinding or ClusterRoleBinding: the objects that grant roles to subjects. */
export type RbacBinding = KindMap["RoleBinding"] | KindMap["ClusterRoleBinding"];

/** The kinds of subject a binding can name. */
export const SUBJECT_KINDS = ["User", "Group", "ServiceAccount"] as const;

export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** A rule a binding grants: the rule, its path in the role that holds it, and that role. */
export interface GrantedRule extends RuleRef {
  readonly role: RbacRole;
}

/** A subject of a binding: the subject, its path (`subjects[2]`) and its key `Kind/namespace/name`. */
export interface SubjectRef {
  readonly subject: Subject;
  readonly path: string;
  readonly key: string;
}

/**
 * The role a binding binds, if the scan has it: a RoleBinding binds a Role of its own namespace
 * or a ClusterRole, a ClusterRoleBinding a ClusterRole (the API server refuses one naming a Role).
 */
export function boundRole(binding: RbacBinding, context: CheckContext): RbacRole | undefined {
  const kind = binding.roleRef?.kind ?? "";
  const name = binding.roleRef?.name ?? "";
  // Looked up by name, not found among every ClusterRole: a scan with many bindings stays linear.
  if (kind === "ClusterRole") return context.object("ClusterRole", "default", name);
  if (kind === "Role" && binding.kind === "RoleBinding") return context.object("Role", namespaceOf(binding), name);
  return undefined;
}

/** The rules of a role, each with its path and the role. */
function rulesOf(role: RbacRole): readonly GrantedRule[] {
  return (role.rules ?? []).map((rule, index) => ({ rule, path: `rules[${index}]`, role }));
}

/**
 * Whether a role's rules are those of other ClusterRoles: an aggregated ClusterRole (with an
 * `aggregationRule`) without rules of its own, as a manifest writes it (the API server's
 * aggregation controller fills them in).
 */
function aggregates(role: RbacRole): boolean {
  return (
    role.kind === "ClusterRole" &&
    (role.rules ?? []).length === 0 &&
    (role.aggregationRule?.clusterRoleSelectors ?? []).length > 0
  );
}

/** The other ClusterRoles an aggregated ClusterRole's selectors match. */
function aggregatedBy(role: RbacRole, context: CheckContext): readonly KindMap["ClusterRole"][] {
  const selectors = role.kind === "ClusterRole" ? (role.aggregationRule?.clusterRoleSelectors ?? []) : [];
  return context
    .objects("ClusterRole")
    .filter(
      (other) =>
        other.metadata?.name !== role.metadata?.name &&
        selectors.some((selector) => selectorMatches(selector, other.metadata?.labels)),
    );
}

/**
 * The rules a binding grants, each with the role holding it: the rules of its role (boundRole);
 * nothing when the scan lacks the role. An aggregated ClusterRole without rules of its own (as a
 * manifest writes it; the API server fills them in) grants the rules of the ClusterRoles its
 * selectors match, and, for a selected role aggregated in turn, of those it selects: two levels,
 * as Kubernetes' own admin aggregates edit.
 */
export function grantedRules(binding: RbacBinding, context: CheckContext): readonly GrantedRule[] {
  const role = boundRole(binding, context);
  if (role === undefined) return [];
  if (!aggregates(role)) return rulesOf(role);
  return aggregatedBy(role, context).flatMap((selected) =>
    aggregates(selected) ? aggregatedBy(selected, context).flatMap((inner) => rulesOf(inner)) : rulesOf(selected),
  );
}

/**
 * The namespace of a subject as the authorizer reads it: a service account's own, or, when a
 * RoleBinding leaves it out, the binding's; "" for users and groups, which no namespace holds.
 */
export function subjectNamespace(subject: Subject, binding: RbacBinding): string {
  if (subject.kind !== "ServiceAccount") return "";
  if ((subject.namespace ?? "") !== "") return subject.namespace ?? "";
  return binding.kind === "RoleBinding" ? namespaceOf(binding) : "";
}

/** `Kind/namespace/name` of a subject (`Group//devs`, `ServiceAccount/team-01/app`). */
export function subjectKey(subject: Subject, binding: RbacBinding): string {
  return `${subject.kind ?? ""}/${subjectNamespace(subject, binding)}/${subject.name ?? ""}`;
}

/**
 * The subjects of a binding with their paths and keys, except those whose key one of the RE2
 * patterns `skipped` matches in full (`ServiceAccount/kube-system/.*`, `Group//system:masters`).
 */
export function bindingSubjects(binding: RbacBinding, skipped: readonly string[]): readonly SubjectRef[] {
  return (binding.subjects ?? []).flatMap((subject, index) => {
    const key = subjectKey(subject, binding);
    return skipped.some((pattern) => regexMatches(`^(?:${pattern})$`, key))
      ? []
      : [{ subject, path: `subjects[${index}]`, key }];
  });
}
