// Facts about the Kubernetes API kinds Rampart knows: group, version, REST resource, scope and
// the names kubectl accepts for them. One table serves admission matching, Gatekeeper matching,
// namespace filters, kubectl-style kind names and listing a live cluster.

export interface ApiResource {
  readonly kind: string;
  /** "" is the core group. */
  readonly group: string;
  readonly version: string;
  /** The plural REST resource (`deployments`). */
  readonly resource: string;
  readonly namespaced: boolean;
  /** kubectl's short names (`deploy`). */
  readonly shortNames: readonly string[];
}

type Row = readonly [
  kind: string,
  group: string,
  version: string,
  resource: string,
  namespaced: boolean,
  shortNames?: readonly string[],
];

const NAMESPACED = true;
const CLUSTER = false;

const ROWS: readonly Row[] = [
  ["Pod", "", "v1", "pods", NAMESPACED, ["po"]],
  ["Service", "", "v1", "services", NAMESPACED, ["svc"]],
  ["ServiceAccount", "", "v1", "serviceaccounts", NAMESPACED, ["sa"]],
  ["ConfigMap", "", "v1", "configmaps", NAMESPACED, ["cm"]],
  ["Secret", "", "v1", "secrets", NAMESPACED],
  ["Namespace", "", "v1", "namespaces", CLUSTER, ["ns"]],
  ["Node", "", "v1", "nodes", CLUSTER, ["no"]],
  ["Endpoints", "", "v1", "endpoints", NAMESPACED, ["ep"]],
  ["PersistentVolumeClaim", "", "v1", "persistentvolumeclaims", NAMESPACED, ["pvc"]],
  ["PersistentVolume", "", "v1", "persistentvolumes", CLUSTER, ["pv"]],
  ["ReplicationController", "", "v1", "replicationcontrollers", NAMESPACED, ["rc"]],
  ["PodTemplate", "", "v1", "podtemplates", NAMESPACED],
  ["LimitRange", "", "v1", "limitranges", NAMESPACED, ["limits"]],
  ["ResourceQuota", "", "v1", "resourcequotas", NAMESPACED, ["quota"]],
  ["Event", "", "v1", "events", NAMESPACED, ["ev"]],
  ["Deployment", "apps", "v1", "deployments", NAMESPACED, ["deploy"]],
  ["ReplicaSet", "apps", "v1", "replicasets", NAMESPACED, ["rs"]],
  ["DaemonSet", "apps", "v1", "daemonsets", NAMESPACED, ["ds"]],
  ["StatefulSet", "apps", "v1", "statefulsets", NAMESPACED, ["sts"]],
  ["ControllerRevision", "apps", "v1", "controllerrevisions", NAMESPACED],
  ["Job", "batch", "v1", "jobs", NAMESPACED],
  ["CronJob", "batch", "v1", "cronjobs", NAMESPACED, ["cj"]],
  ["HorizontalPodAutoscaler", "autoscaling", "v2", "horizontalpodautoscalers", NAMESPACED, ["hpa"]],
  ["NetworkPolicy", "networking.k8s.io", "v1", "networkpolicies", NAMESPACED, ["netpol"]],
  ["Ingress", "networking.k8s.io", "v1", "ingresses", NAMESPACED, ["ing"]],
  ["IngressClass", "networking.k8s.io", "v1", "ingressclasses", CLUSTER],
  ["Role", "rbac.authorization.k8s.io", "v1", "roles", NAMESPACED],
  ["ClusterRole", "rbac.authorization.k8s.io", "v1", "clusterroles", CLUSTER],
  ["RoleBinding", "rbac.authorization.k8s.io", "v1", "rolebindings", NAMESPACED],
  ["ClusterRoleBinding", "rbac.authorization.k8s.io", "v1", "clusterrolebindings", CLUSTER],
  ["ValidatingWebhookConfiguration", "admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", CLUSTER],
  ["MutatingWebhookConfiguration", "admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", CLUSTER],
  ["ValidatingAdmissionPolicy", "admissionregistration.k8s.io", "v1", "validatingadmissionpolicies", CLUSTER],
  [
    "ValidatingAdmissionPolicyBinding",
    "admissionregistration.k8s.io",
    "v1",
    "validatingadmissionpolicybindings",
    CLUSTER,
  ],
  ["PodDisruptionBudget", "policy", "v1", "poddisruptionbudgets", NAMESPACED, ["pdb"]],
  ["PodSecurityPolicy", "policy", "v1beta1", "podsecuritypolicies", CLUSTER, ["psp"]],
  ["EndpointSlice", "discovery.k8s.io", "v1", "endpointslices", NAMESPACED],
  ["Lease", "coordination.k8s.io", "v1", "leases", NAMESPACED],
  ["StorageClass", "storage.k8s.io", "v1", "storageclasses", CLUSTER, ["sc"]],
  ["CSIStorageCapacity", "storage.k8s.io", "v1", "csistoragecapacities", NAMESPACED],
  ["CSIDriver", "storage.k8s.io", "v1", "csidrivers", CLUSTER],
  ["CSINode", "storage.k8s.io", "v1", "csinodes", CLUSTER],
  ["PriorityClass", "scheduling.k8s.io", "v1", "priorityclasses", CLUSTER, ["pc"]],
  ["RuntimeClass", "node.k8s.io", "v1", "runtimeclasses", CLUSTER],
  ["CustomResourceDefinition", "apiextensions.k8s.io", "v1", "customresourcedefinitions", CLUSTER, ["crd", "crds"]],
  ["APIService", "apiregistration.k8s.io", "v1", "apiservices", CLUSTER],
  ["CertificateSigningRequest", "certificates.k8s.io", "v1", "certificatesigningrequests", CLUSTER, ["csr"]],
  ["Gateway", "gateway.networking.k8s.io", "v1", "gateways", NAMESPACED, ["gtw"]],
  ["GatewayClass", "gateway.networking.k8s.io", "v1", "gatewayclasses", CLUSTER, ["gc"]],
  ["HTTPRoute", "gateway.networking.k8s.io", "v1", "httproutes", NAMESPACED],
  ["GRPCRoute", "gateway.networking.k8s.io", "v1", "grpcroutes", NAMESPACED],
  ["TCPRoute", "gateway.networking.k8s.io", "v1alpha2", "tcproutes", NAMESPACED],
  ["UDPRoute", "gateway.networking.k8s.io", "v1alpha2", "udproutes", NAMESPACED],
  ["CiliumNetworkPolicy", "cilium.io", "v2", "ciliumnetworkpolicies", NAMESPACED, ["cnp", "ciliumnp"]],
  ["CiliumClusterwideNetworkPolicy", "cilium.io", "v2", "ciliumclusterwidenetworkpolicies", CLUSTER, ["ccnp"]],
];

export const API_RESOURCES: readonly ApiResource[] = ROWS.map(
  ([kind, group, version, resource, namespaced, shortNames = []]) =>
    Object.freeze({ kind, group, version, resource, namespaced, shortNames }),
);

const BY_KIND: ReadonlyMap<string, ApiResource> = new Map(API_RESOURCES.map((entry) => [entry.kind, entry]));

/** The API resource of a kind, if Rampart knows the kind. */
export function apiResourceOf(kind: string): ApiResource | undefined {
  return BY_KIND.get(kind);
}

/**
 * The kinds controls read that are no Kubernetes API resource: they only come with a scan's input,
 * never from the API server (nothing lists them, admission and Gatekeeper never see them). A cloud
 * provider's description of a managed cluster (Kubescape's ClusterDescribe) describes the whole
 * cluster: it is cluster-wide.
 */
export const SCAN_ONLY_KINDS: ReadonlySet<string> = new Set(["ClusterDescribe"]);

/** Whether objects of `kind` live outside namespaces (unknown kinds are taken as namespaced). */
export function isClusterScoped(kind: string): boolean {
  return BY_KIND.get(kind)?.namespaced === false || SCAN_ONLY_KINDS.has(kind);
}

/**
 * The kind a name given on a command line stands for, read as kubectl reads it: the kind, its
 * plural resource or a short name, in any case (`deploy`, `Deployments`, `sts`); with a group
 * (`deployments.apps`) when the name is ambiguous.
 */
export function kindFromName(name: string): ApiResource | undefined {
  const wanted = name.toLowerCase();
  const [base = "", ...groupParts] = wanted.split(".");
  const group = groupParts.join(".");
  return API_RESOURCES.find(
    (entry) =>
      (groupParts.length === 0 || entry.group === group) &&
      (entry.kind.toLowerCase() === base || entry.resource === base || entry.shortNames.includes(base)),
  );
}
