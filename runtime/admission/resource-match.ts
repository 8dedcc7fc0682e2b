// Whether a policy (and its binding) applies to the CREATE of an object: the API server's
// matchConstraints / matchResources logic (k8s.io/apiserver admission/plugin/policy/matching and
// webhook/predicates/rules), for the request a dry run can describe: the object's kind mapped to
// its resource, operation CREATE, no subresource. The only namespace label a dry run knows is
// the one the API server puts on every namespace, kubernetes.io/metadata.name; a namespaced
// object without a namespace is created in "default", as kubectl does.
import type { MatchResources, NamedRuleWithOperations } from "kubernetes-types/admissionregistration/v1.js";
import { isApiKind, KIND_RESOURCES, type Resource } from "../../compiler/backends/cel/resources.js";
import { isClusterScoped, isKindName, selectorMatches } from "../../dsl/index.js";

/** What the API server knows about a request before it runs a policy. */
export interface AdmissionRequestAttributes {
  readonly kind: string;
  readonly resource: Resource;
  readonly operation: "CREATE";
  /** Empty for an object created from `generateName`, as in the API server. */
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The labels of the object's namespace (of the object itself when it is a Namespace). */
  readonly namespaceLabels: Readonly<Record<string, string>> | undefined;
}

/** The request creating `object`; undefined for a kind Rampart has no resource for. */
export function createRequest(object: Record<string, unknown>): AdmissionRequestAttributes | undefined {
  const kind = object.kind;
  // A cloud provider's cluster description never reaches the API server.
  if (typeof kind !== "string" || !isKindName(kind) || !isApiKind(kind)) return undefined;
  const metadata = (object.metadata ?? {}) as { name?: unknown; namespace?: unknown; labels?: unknown };
  const name = typeof metadata.name === "string" ? metadata.name : "";
  const labels = (metadata.labels ?? {}) as Record<string, string>;
  const clusterScoped = isClusterScoped(kind);
  const namespace = clusterScoped ? "" : typeof metadata.namespace === "string" ? metadata.namespace : "default";
  const namespaceLabels =
    kind === "Namespace"
      ? { ...labels, [NAMESPACE_NAME_LABEL]: name }
      : clusterScoped
        ? undefined
        : { [NAMESPACE_NAME_LABEL]: namespace };
  return { kind, resource: KIND_RESOURCES[kind], operation: "CREATE", name, namespace, labels, namespaceLabels };
}

/** The `request` variable: the AdmissionRequest fields a dry run can fill. */
export function requestVariable(request: AdmissionRequestAttributes): Record<string, unknown> {
  const { group, version, resource } = request.resource;
  const kind = { group, version, kind: request.kind };
  const gvr = { group, version, resource };
  return {
    kind,
    resource: gvr,
    requestKind: kind,
    requestResource: gvr,
    name: request.name,
    namespace: request.namespace,
    operation: request.operation,
    userInfo: {},
  };
}

/** The label the API server sets on every namespace: its name. */
const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/**
 * The parts of MatchResources a dry run cannot decide; the constructor of a policy refuses them
 * rather than guess. A namespaceSelector may only read the namespace's name label, and a rule
 * scope needs to know whether the resource is namespaced.
 */
export function unsupportedMatch(match: MatchResources | undefined, where: string): string | undefined {
  if (match === undefined) return undefined;
  const selector = match.namespaceSelector;
  const keys = [
    ...Object.keys(selector?.matchLabels ?? {}),
    ...(selector?.matchExpressions ?? []).map((requirement) => requirement.key),
  ];
  if (keys.some((key) => key !== NAMESPACE_NAME_LABEL)) {
    return `${where}.namespaceSelector on labels other than ${NAMESPACE_NAME_LABEL} (a dry run knows no other namespace labels)`;
  }
  const rules: ResourceRule[] = [...(match.resourceRules ?? []), ...(match.excludeResourceRules ?? [])];
  const scoped = rules.find((rule) => rule.scope !== undefined && rule.scope !== "*");
  if (scoped !== undefined) return `${where} rule scope "${scoped.scope}"`;
  return undefined;
}

/** NamedRuleWithOperations as the API defines it: kubernetes-types 1.30 drops the fields it inlines from Rule. */
type ResourceRule = NamedRuleWithOperations & { readonly resources?: readonly string[]; readonly scope?: string };

/**
 * True when `match` selects the request. A policy's matchConstraints must name resources; a
 * binding's matchResources without resourceRules does not constrain resources.
 */
export function matchesResources(
  match: MatchResources | undefined,
  request: AdmissionRequestAttributes,
  rulesRequired: boolean,
): boolean {
  if (match === undefined) return !rulesRequired;
  const rules = match.resourceRules;
  const included = rules === undefined ? !rulesRequired : rules.some((rule) => matchesRule(rule, request));
  const excluded = (match.excludeResourceRules ?? []).some((rule) => matchesRule(rule, request));
  const objectSelected = match.objectSelector === undefined || selectorMatches(match.objectSelector, request.labels);
  // A namespaceSelector does not apply to cluster-scoped objects (other than namespaces).
  const namespaceSelected =
    match.namespaceSelector === undefined ||
    request.namespaceLabels === undefined ||
    selectorMatches(match.namespaceSelector, request.namespaceLabels);
  return included && !excluded && objectSelected && namespaceSelected;
}

/** webhook/predicates/rules Matcher: `*` matches anything; `res/sub` entries name subresources. */
function matchesRule(rule: ResourceRule, request: AdmissionRequestAttributes): boolean {
  const { group, version, resource } = request.resource;
  const listed = (values: readonly string[] | undefined, value: string) =>
    (values ?? []).some((entry) => entry === "*" || entry === value);
  const resourceMatches = (rule.resources ?? []).some((entry) => {
    const [name, subresource = ""] = entry.split("/", 2);
    return (name === "*" || name === resource) && (subresource === "*" || subresource === "");
  });
  const names = rule.resourceNames ?? [];
  return (
    listed(rule.operations, request.operation) &&
    listed(rule.apiGroups, group) &&
    listed(rule.apiVersions, version) &&
    resourceMatches &&
    (names.length === 0 || names.includes(request.name))
  );
}
