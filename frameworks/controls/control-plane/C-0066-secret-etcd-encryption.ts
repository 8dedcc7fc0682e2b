import {
  type ClusterDescribe,
  commandFlag,
  control,
  type KindMap,
  type Violation,
  violation,
} from "../../../dsl/index.js";
import { clusterDescription } from "./shared/cloud.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { unsetViolations } from "./shared/flags.js";

/** Whether a managed cluster encrypts secrets in etcd with a key of its own; undefined for other providers. */
function cloudViolations(cluster: ClusterDescribe): readonly Violation[] {
  const data = cluster.data;
  const provider = cluster.metadata?.provider;
  if (provider === "eks") {
    // DescribeCluster's encryptionConfig: some entry must cover secrets (Go SDK or API field names).
    const resources = [
      ...(data?.Cluster?.EncryptionConfig ?? []).map((entry) => entry.Resources ?? []),
      ...(data?.cluster?.encryptionConfig ?? []).map((entry) => entry.resources ?? []),
    ];
    const field = data?.cluster !== undefined ? "data.cluster.encryptionConfig" : "data.Cluster.EncryptionConfig";
    return resources.some((listed) => listed.includes("secrets"))
      ? []
      : [violation("the EKS cluster does not encrypt secrets with a KMS key (encryptionConfig)", { paths: [field] })];
  }
  if (provider === "gke") {
    const state = data?.database_encryption?.state;
    return state === 1 || state === "1" || state === "ENCRYPTED"
      ? []
      : [
          violation("the GKE cluster does not encrypt secrets at the application layer (database_encryption)", {
            paths: ["data.database_encryption.state"],
          }),
        ];
  }
  if (provider === "aks") {
    const pools = data?.properties?.agentPoolProfiles ?? [];
    const kms = data?.properties?.securityProfile?.azureKeyVaultKms?.enabled === true;
    const hosts = pools.length > 0 && pools.every((pool) => pool.enableEncryptionAtHost === true);
    return kms || hosts
      ? []
      : [
          violation("the AKS cluster encrypts secrets neither with a Key Vault KMS key nor on encrypted hosts", {
            paths: ["data.properties.securityProfile.azureKeyVaultKms.enabled"],
          }),
        ];
  }
  return [];
}

export default control({
  id: "C-0066",
  name: "Secret/etcd encryption enabled",
  baseScore: 6,
  category: "Control plane",
  description:
    "Secrets are stored in etcd as plain base64 unless the API server encrypts them at rest (--encryption-provider-config) or, for a managed cluster, the provider does with a key of its own (EKS encryptionConfig, GKE application-layer encryption, AKS Key Vault KMS); then a stolen etcd backup or disk holds readable credentials.",
  remediation:
    "Give kube-apiserver an --encryption-provider-config that encrypts secrets (aescbc, secretbox or kms first); on EKS, GKE or AKS enable secret encryption with a KMS key.",
  kinds: ["Pod", "ClusterDescribe"],
  requires: [API_SERVER_PODS, clusterDescription(["eks", "gke", "aks"])],
  check(object) {
    if (object.kind === "ClusterDescribe") return cloudViolations(object);
    return encryption(object);
  },
});

/** The native rule: the API server's encryption configuration. */
function encryption(pod: KindMap["Pod"]): readonly Violation[] {
  return componentContainers(pod, "kube-apiserver").flatMap((ref) =>
    unsetViolations(
      "kube-apiserver",
      [commandFlag(ref, "--encryption-provider-config")],
      ["<path/to/encryption-config.yaml>"],
      "secrets are stored in etcd unencrypted",
    ),
  );
}
