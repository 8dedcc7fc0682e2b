import {
  type ClusterDescribe,
  type ClusterDescription,
  commandFlag,
  control,
  type KindMap,
  type Violation,
  violation,
} from "../../../dsl/index.js";
import { clusterDescription } from "./shared/cloud.js";
import { API_SERVER_PODS, componentContainers } from "./shared/components.js";
import { isUnset } from "./shared/flags.js";

/** The control-plane logs an EKS cluster must send: the API server's, the audit log and the authenticator's. */
const EKS_AUDIT_LOGS = ["api", "audit", "authenticator"];

/** Whether an EKS cluster sends a log type: an enabled setup lists it (Go SDK or API field names). */
function sends(data: ClusterDescription | undefined, type: string): boolean {
  return (
    (data?.Cluster?.Logging?.ClusterLogging ?? []).some(
      (setup) => setup.Enabled === true && (setup.Types ?? []).includes(type),
    ) ||
    (data?.cluster?.logging?.clusterLogging ?? []).some(
      (setup) => setup.enabled === true && (setup.types ?? []).includes(type),
    )
  );
}

function cloudViolations(cluster: ClusterDescribe): readonly Violation[] {
  const data = cluster.data;
  const provider = cluster.metadata?.provider;
  if (provider === "eks") {
    const missing = EKS_AUDIT_LOGS.filter((type) => !sends(data, type));
    const field =
      data?.cluster !== undefined ? "data.cluster.logging.clusterLogging" : "data.Cluster.Logging.ClusterLogging";
    return missing.length === 0
      ? []
      : [violation(`the EKS cluster does not send its ${missing.join(", ")} logs`, { paths: [field] })];
  }
  if (provider === "gke") {
    const components = data?.logging_config?.component_config?.enable_components ?? [];
    return components.length > 0
      ? []
      : [
          violation("the GKE cluster sends no component logs (logging_config)", {
            paths: ["data.logging_config.component_config.enable_components"],
          }),
        ];
  }
  return [];
}

/** The native rule: the API server audits only what an audit policy selects. */
function auditing(pod: KindMap["Pod"]): readonly Violation[] {
  return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
    if (!isUnset(commandFlag(ref, "--audit-policy-file"))) return [];
    // The flags belong to the list that carries them: args when the container has args, else command.
    const list = (ref.container.args ?? []).length > 0 ? `${ref.path}.args` : `${ref.path}.command`;
    return [violation("kube-apiserver does not set --audit-policy-file: it audits no request", { paths: [list] })];
  });
}

export default control({
  id: "C-0067",
  name: "Audit logs enabled",
  baseScore: 5,
  category: "Control plane",
  description:
    "The API server's audit log records who did what, and is what an incident is investigated from; kube-apiserver writes one only with an audit policy (--audit-policy-file), an EKS cluster only when it sends its api, audit and authenticator logs, a GKE cluster only with component logging.",
  remediation:
    "Give kube-apiserver an --audit-policy-file and an --audit-log-path (or webhook); on EKS enable the api, audit and authenticator control-plane logs; on GKE keep component logging on.",
  kinds: ["Pod", "ClusterDescribe"],
  requires: [API_SERVER_PODS, clusterDescription(["eks", "gke"])],
  check(object) {
    if (object.kind === "ClusterDescribe") return cloudViolations(object);
    return auditing(object);
  },
});
