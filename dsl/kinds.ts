// The Kubernetes kinds a control can apply to, with their TypeScript types. A control's `check`
// receives the union of the types of its kinds, so a misspelt field path is a type error.
import type {
  MutatingWebhookConfiguration,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  ValidatingWebhookConfiguration,
} from "kubernetes-types/admissionregistration/v1.js";
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from "kubernetes-types/apps/v1.js";
import type { HorizontalPodAutoscaler } from "kubernetes-types/autoscaling/v2.js";
import type { CronJob, Job } from "kubernetes-types/batch/v1.js";
import type { Lease } from "kubernetes-types/coordination/v1.js";
import type {
  ConfigMap,
  Endpoints,
  Namespace,
  Node,
  PersistentVolumeClaim,
  Pod,
  PodTemplate,
  ReplicationController,
  Secret,
  Service,
  ServiceAccount,
} from "kubernetes-types/core/v1.js";
import type { EndpointSlice } from "kubernetes-types/discovery/v1.js";
import type { LabelSelector, ObjectMeta } from "kubernetes-types/meta/v1.js";
import type { Ingress, NetworkPolicy } from "kubernetes-types/networking/v1.js";
import type { PodDisruptionBudget } from "kubernetes-types/policy/v1.js";
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from "kubernetes-types/rbac/v1.js";
import type { CSIStorageCapacity } from "kubernetes-types/storage/v1.js";

// kubernetes-types 1.30 leaves out the fields admission rules take from the embedded Rule type
// (resources, scope); the API has them, so they are declared here.
declare module "kubernetes-types/admissionregistration/v1.js" {
  interface RuleWithOperations {
    /** The resources the rule matches (`pods`, `pods/exec`, `*`). */
    resources?: Array<string>;
    /** `Cluster`, `Namespaced` or `*` (the default): which objects the rule matches. */
    scope?: string;
  }
  interface NamedRuleWithOperations {
    resources?: Array<string>;
    scope?: string;
  }
}

/** A Cilium network policy (namespaced or clusterwide): only the fields controls read are typed. */
export interface CiliumNetworkPolicy {
  apiVersion?: string;
  metadata?: ObjectMeta;
  spec?: CiliumPolicyRule;
  specs?: CiliumPolicyRule[];
}

export interface CiliumPolicyRule {
  endpointSelector?: LabelSelector;
  nodeSelector?: LabelSelector;
  /** Whether the rule puts the selected endpoints in default deny, per direction (default: when it has rules of that direction). */
  enableDefaultDeny?: { ingress?: boolean; egress?: boolean };
  ingress?: unknown[];
  ingressDeny?: unknown[];
  egress?: unknown[];
  egressDeny?: unknown[];
}

/** A Gateway API route (HTTPRoute, GRPCRoute, TCPRoute, UDPRoute): only the fields controls read are typed. */
export interface GatewayRoute {
  apiVersion?: string;
  metadata?: ObjectMeta;
  spec?: {
    parentRefs?: GatewayReference[];
    rules?: Array<{ backendRefs?: GatewayReference[] }>;
  };
}

/** A reference of a route to a parent Gateway or a backend (a Service unless group/kind say otherwise). */
export interface GatewayReference {
  group?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  port?: number;
  weight?: number;
}

/**
 * A managed cluster's description as Kubescape collects it from the cloud provider
 * (`kind: ClusterDescribe`, `apiVersion` eks.amazonaws.com/v1, container.googleapis.com/v1 or
 * management.azure.com/v1, `metadata.provider` eks, gke or aks, the provider's own answer under
 * `data`). Not a Kubernetes API object: it reaches scans, never the API server. Only the fields
 * controls read are typed.
 */
export interface ClusterDescribe {
  apiVersion?: string;
  metadata?: { name?: string; provider?: string };
  data?: ClusterDescription;
}

/** The provider's description: EKS's DescribeCluster (in Go's PascalCase or the API's camelCase), GKE's Cluster, AKS's ManagedCluster. */
export interface ClusterDescription {
  /** EKS, as the Go SDK names fields. */
  Cluster?: {
    EncryptionConfig?: Array<{ Resources?: string[] }>;
    Logging?: { ClusterLogging?: Array<{ Enabled?: boolean; Types?: string[] }> };
  };
  /** EKS, as the API names fields. */
  cluster?: {
    encryptionConfig?: Array<{ resources?: string[] }>;
    logging?: { clusterLogging?: Array<{ enabled?: boolean; types?: string[] }> };
  };
  /** GKE: 1 or "ENCRYPTED" when application-layer secret encryption is on. */
  database_encryption?: { state?: number | string };
  logging_config?: { component_config?: { enable_components?: string[] } };
  pod_security_policy_config?: { enabled?: boolean };
  current_master_version?: string;
  /** AKS. */
  properties?: {
    securityProfile?: { azureKeyVaultKms?: { enabled?: boolean } };
    agentPoolProfiles?: Array<{ name?: string; enableEncryptionAtHost?: boolean }>;
  };
}

/** The object as a control sees it: the runtime only hands a control objects of its kinds. */
type Kinded<T, K extends string> = Omit<T, "kind"> & { readonly kind: K };

export interface KindMap {
  Pod: Kinded<Pod, "Pod">;
  Deployment: Kinded<Deployment, "Deployment">;
  ReplicaSet: Kinded<ReplicaSet, "ReplicaSet">;
  DaemonSet: Kinded<DaemonSet, "DaemonSet">;
  StatefulSet: Kinded<StatefulSet, "StatefulSet">;
  Job: Kinded<Job, "Job">;
  CronJob: Kinded<CronJob, "CronJob">;
  ConfigMap: Kinded<ConfigMap, "ConfigMap">;
  Secret: Kinded<Secret, "Secret">;
  Service: Kinded<Service, "Service">;
  ServiceAccount: Kinded<ServiceAccount, "ServiceAccount">;
  Namespace: Kinded<Namespace, "Namespace">;
  Node: Kinded<Node, "Node">;
  NetworkPolicy: Kinded<NetworkPolicy, "NetworkPolicy">;
  Ingress: Kinded<Ingress, "Ingress">;
  Role: Kinded<Role, "Role">;
  ClusterRole: Kinded<ClusterRole, "ClusterRole">;
  RoleBinding: Kinded<RoleBinding, "RoleBinding">;
  ClusterRoleBinding: Kinded<ClusterRoleBinding, "ClusterRoleBinding">;
  CiliumNetworkPolicy: Kinded<CiliumNetworkPolicy, "CiliumNetworkPolicy">;
  CiliumClusterwideNetworkPolicy: Kinded<CiliumNetworkPolicy, "CiliumClusterwideNetworkPolicy">;
  ReplicationController: Kinded<ReplicationController, "ReplicationController">;
  HorizontalPodAutoscaler: Kinded<HorizontalPodAutoscaler, "HorizontalPodAutoscaler">;
  ValidatingWebhookConfiguration: Kinded<ValidatingWebhookConfiguration, "ValidatingWebhookConfiguration">;
  MutatingWebhookConfiguration: Kinded<MutatingWebhookConfiguration, "MutatingWebhookConfiguration">;
  ValidatingAdmissionPolicy: Kinded<ValidatingAdmissionPolicy, "ValidatingAdmissionPolicy">;
  ValidatingAdmissionPolicyBinding: Kinded<ValidatingAdmissionPolicyBinding, "ValidatingAdmissionPolicyBinding">;
  Endpoints: Kinded<Endpoints, "Endpoints">;
  EndpointSlice: Kinded<EndpointSlice, "EndpointSlice">;
  PersistentVolumeClaim: Kinded<PersistentVolumeClaim, "PersistentVolumeClaim">;
  PodTemplate: Kinded<PodTemplate, "PodTemplate">;
  Lease: Kinded<Lease, "Lease">;
  PodDisruptionBudget: Kinded<PodDisruptionBudget, "PodDisruptionBudget">;
  CSIStorageCapacity: Kinded<CSIStorageCapacity, "CSIStorageCapacity">;
  HTTPRoute: Kinded<GatewayRoute, "HTTPRoute">;
  TCPRoute: Kinded<GatewayRoute, "TCPRoute">;
  UDPRoute: Kinded<GatewayRoute, "UDPRoute">;
  ClusterDescribe: Kinded<ClusterDescribe, "ClusterDescribe">;
}

export type KindName = keyof KindMap;

/** Every kind that carries a pod template, and Pod itself. */
export const WORKLOAD_KINDS = [
  "Pod",
  "Deployment",
  "ReplicaSet",
  "DaemonSet",
  "StatefulSet",
  "Job",
  "CronJob",
] as const satisfies readonly KindName[];

/**
 * The workload kinds and ReplicationController, which some controls also read (Kubescape's rules
 * mostly leave it out). Every helper taking a workload takes these.
 */
export const WORKLOAD_KINDS_WITH_RC = [
  ...WORKLOAD_KINDS,
  "ReplicationController",
] as const satisfies readonly KindName[];

export type WorkloadKind = (typeof WORKLOAD_KINDS_WITH_RC)[number];
export type Workload = KindMap[WorkloadKind];

export function isKindName(kind: string): kind is KindName {
  return Object.hasOwn(KIND_NAMES, kind);
}

/** Every kind a control can read. */
export function kindNames(): KindName[] {
  return Object.keys(KIND_NAMES) as KindName[];
}

const KIND_NAMES: Record<KindName, true> = {
  Pod: true,
  Deployment: true,
  ReplicaSet: true,
  DaemonSet: true,
  StatefulSet: true,
  Job: true,
  CronJob: true,
  ConfigMap: true,
  Secret: true,
  Service: true,
  ServiceAccount: true,
  Namespace: true,
  Node: true,
  NetworkPolicy: true,
  Ingress: true,
  Role: true,
  ClusterRole: true,
  RoleBinding: true,
  ClusterRoleBinding: true,
  CiliumNetworkPolicy: true,
  CiliumClusterwideNetworkPolicy: true,
  ReplicationController: true,
  HorizontalPodAutoscaler: true,
  ValidatingWebhookConfiguration: true,
  MutatingWebhookConfiguration: true,
  ValidatingAdmissionPolicy: true,
  ValidatingAdmissionPolicyBinding: true,
  Endpoints: true,
  EndpointSlice: true,
  PersistentVolumeClaim: true,
  PodTemplate: true,
  Lease: true,
  PodDisruptionBudget: true,
  CSIStorageCapacity: true,
  HTTPRoute: true,
  TCPRoute: true,
  UDPRoute: true,
  ClusterDescribe: true,
};
