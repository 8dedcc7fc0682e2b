// The REST coordinates of each kind, for a policy's matchConstraints.
import type { KindName } from "../../../dsl/index.js";

export interface Resource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

export const KIND_RESOURCES: Record<KindName, Resource> = {
  Pod: { group: "", version: "v1", resource: "pods" },
  Deployment: { group: "apps", version: "v1", resource: "deployments" },
  ReplicaSet: { group: "apps", version: "v1", resource: "replicasets" },
  DaemonSet: { group: "apps", version: "v1", resource: "daemonsets" },
  StatefulSet: { group: "apps", version: "v1", resource: "statefulsets" },
  Job: { group: "batch", version: "v1", resource: "jobs" },
  CronJob: { group: "batch", version: "v1", resource: "cronjobs" },
  ConfigMap: { group: "", version: "v1", resource: "configmaps" },
  Secret: { group: "", version: "v1", resource: "secrets" },
  Service: { group: "", version: "v1", resource: "services" },
  ServiceAccount: { group: "", version: "v1", resource: "serviceaccounts" },
  Namespace: { group: "", version: "v1", resource: "namespaces" },
  Node: { group: "", version: "v1", resource: "nodes" },
  NetworkPolicy: { group: "networking.k8s.io", version: "v1", resource: "networkpolicies" },
  Ingress: { group: "networking.k8s.io", version: "v1", resource: "ingresses" },
  Role: { group: "rbac.authorization.k8s.io", version: "v1", resource: "roles" },
  ClusterRole: { group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterroles" },
  RoleBinding: { group: "rbac.authorization.k8s.io", version: "v1", resource: "rolebindings" },
  ClusterRoleBinding: { group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterrolebindings" },
  CiliumNetworkPolicy: { group: "cilium.io", version: "v2", resource: "ciliumnetworkpolicies" },
  CiliumClusterwideNetworkPolicy: { group: "cilium.io", version: "v2", resource: "ciliumclusterwidenetworkpolicies" },
};
