// Kinds that live outside namespaces: namespace filters never drop them.
const CLUSTER_SCOPED = new Set([
  "Namespace",
  "Node",
  "PersistentVolume",
  "StorageClass",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "APIService",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "PriorityClass",
  "RuntimeClass",
  "IngressClass",
  "CSIDriver",
  "CSINode",
  "CertificateSigningRequest",
  "PodSecurityPolicy",
  "CiliumClusterwideNetworkPolicy",
]);

export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}
