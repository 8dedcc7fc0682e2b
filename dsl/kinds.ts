// The Kubernetes kinds a control can apply to, with their TypeScript types. A control's `check`
// receives the union of the types of its kinds, so a misspelt field path is a type error.
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from "kubernetes-types/apps/v1.js";
import type { CronJob, Job } from "kubernetes-types/batch/v1.js";
import type { ConfigMap, Namespace, Node, Pod, Secret, Service, ServiceAccount } from "kubernetes-types/core/v1.js";
import type { LabelSelector, ObjectMeta } from "kubernetes-types/meta/v1.js";
import type { Ingress, NetworkPolicy } from "kubernetes-types/networking/v1.js";
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from "kubernetes-types/rbac/v1.js";

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
  ingress?: unknown[];
  ingressDeny?: unknown[];
  egress?: unknown[];
  egressDeny?: unknown[];
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

export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];
export type Workload = KindMap[WorkloadKind];

export function isKindName(kind: string): kind is KindName {
  return Object.hasOwn(KIND_NAMES, kind);
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
};
