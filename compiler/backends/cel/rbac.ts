// The CEL of the DSL's RBAC helpers (dsl/rbac.ts), given the CEL of their arguments. The rule (or
// role) and the request's lists are bound together first, `[[rule, verbs, …]].map(a, body)[0]`,
// so that every expression of the control is printed outside the comprehensions below and no
// name chosen here can capture a variable of the control.
import { bind, listOrEmpty } from "./helpers.js";

/** The CEL of a request's lists, in the order of the IR's request record. */
export interface CelRequest {
  readonly verbs: string;
  /** Lists of a request for resources; resourceNames is `[""]` when it names no object. */
  readonly resource?: { readonly apiGroups: string; readonly resources: string; readonly resourceNames: string };
  /** The list of a request for URLs. */
  readonly nonResourceURLs?: string;
}

/** One of the requested values (the list `requested`) is listed in `field`, or `*` is. */
function listed(rule: string, field: string, requested: string): string {
  return `${requested}.exists(v, ${listOrEmpty(rule, field)}.exists(x, x == "*" || x == v))`;
}

/** `v` (a requested resource) without what precedes its first `/`: its subresource. */
const SUBRESOURCE = `v.substring(v.indexOf("/") + 1)`;

/**
 * Whether the rule `rule` allows the request whose lists are `a[1]`, `a[2]`… (see bindRequest).
 * A URL pattern's prefix before its trailing stars is what `(?s)^.*[^*]` finds in it (the empty
 * string for `*`, `**`), as Go's strings.TrimRight(pattern, "*").
 */
function allows(rule: string, request: CelRequest): string {
  const verbs = listed(rule, "verbs", "a[1]");
  if (request.resource === undefined) {
    const urls = `a[2].exists(v, ${listOrEmpty(rule, "nonResourceURLs")}.exists(x, x == v || x.endsWith("*") && v.startsWith(x.find("(?s)^.*[^*]"))))`;
    return `${rule} != null && ${verbs} && ${urls}`;
  }
  const groups = listed(rule, "apiGroups", "a[2]");
  const subresource = `v.contains("/") && ${SUBRESOURCE} != "" && x == "*/" + ${SUBRESOURCE}`;
  const resources = `a[3].exists(v, ${listOrEmpty(rule, "resources")}.exists(x, x == "*" || x == v || ${subresource}))`;
  const names = `a[4].exists(v, size(${listOrEmpty(rule, "resourceNames")}) == 0 || v in ${listOrEmpty(rule, "resourceNames")})`;
  return `${rule} != null && ${verbs} && ${groups} && ${resources} && ${names}`;
}

/** `[[dyn(subject), dyn(verbs), …]].map(a, body)[0]`: `a[0]` is the subject, then the request's lists. */
function bindRequest(subject: string, request: CelRequest, body: string): string {
  const lists =
    request.resource === undefined
      ? [request.verbs, request.nonResourceURLs ?? "[]"]
      : [request.verbs, request.resource.apiGroups, request.resource.resources, request.resource.resourceNames];
  return bind(`[${[subject, ...lists].map((value) => `dyn(${value})`).join(", ")}]`, "a", body);
}

/** `ruleAllows(rule, request)`: true or false. */
export function ruleAllowsCel(rule: string, request: CelRequest): string {
  return bindRequest(rule, request, allows("a[0]", request));
}

/** `rulesAllowing(role, request)`: the allowing rules of the role with their paths, `rules[i]`. */
export function rulesAllowingCel(role: string, request: CelRequest): string {
  const body = `${listOrEmpty("a[0]", "rules")}.transformList(i, r, ${allows("r", request)}, {"rule": dyn(r), "path": dyn("rules[" + string(i) + "]")})`;
  return bindRequest(role, request, body);
}
