// RBAC rules matched against requests as the API server's RBAC authorizer matches them
// (k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac RuleAllows, with VerbMatches,
// APIGroupMatches, ResourceMatches, ResourceNameMatches and NonResourceURLMatches of
// pkg/apis/rbac/v1). The compiler emits the same steps in Rego
// (compiler/backends/rego/lib-rbac.ts) and CEL (compiler/backends/cel/rbac.ts).
import type { PolicyRule } from "kubernetes-types/rbac/v1.js";
import type { KindMap } from "./kinds.js";

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
