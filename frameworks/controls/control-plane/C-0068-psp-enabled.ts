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
import { admissionPluginEnabled, setFlag, withoutItem } from "./shared/flags.js";

/**
 * A GKE cluster has pod security admission with PodSecurityPolicy enabled or, from Kubernetes 1.23,
 * Pod Security admission (always on in GKE). EKS has always had one of them (its own privileged
 * PodSecurityPolicy before 1.25): it passes.
 */
function cloudViolations(cluster: ClusterDescribe): readonly Violation[] {
  const data = cluster.data;
  if (cluster.metadata?.provider !== "gke") return [];
  const modern = /^1\.(2[3-9]|[3-9][0-9]|[1-9][0-9][0-9])\./.test(data?.current_master_version ?? "");
  return data?.pod_security_policy_config?.enabled === true || modern
    ? []
    : [
        violation("the GKE cluster (before 1.23) does not enable PodSecurityPolicy", {
          paths: ["data.pod_security_policy_config.enabled"],
        }),
      ];
}

/** The native rule: the API server's pod security admission plugin. */
function podSecurity(pod: KindMap["Pod"]): readonly Violation[] {
  return componentContainers(pod, "kube-apiserver").flatMap((ref) => {
    if (admissionPluginEnabled(ref, "PodSecurity") || admissionPluginEnabled(ref, "PodSecurityPolicy")) return [];
    const flag = commandFlag(ref, "--disable-admission-plugins");
    const others = withoutItem(flag, "PodSecurity");
    return [
      violation("kube-apiserver disables the PodSecurity admission plugin and does not enable PodSecurityPolicy", {
        paths: [flag.path],
        fixes: others === "" ? [] : [setFlag(flag, others)],
      }),
    ];
  });
}

export default control({
  id: "C-0068",
  name: "PSP enabled",
  baseScore: 1,
  category: "Control plane",
  description:
    "An admission plugin must hold pods to a security standard: PodSecurityPolicy did until Kubernetes 1.25 removed it, Pod Security admission (the PodSecurity plugin, on by default from 1.23) does now. Without either, pods may ask for any privilege their creator can write.",
  remediation:
    "Keep the PodSecurity admission plugin on (remove it from --disable-admission-plugins) and label namespaces with the Pod Security level they enforce; on GKE before 1.23, enable PodSecurityPolicy.",
  kinds: ["Pod", "ClusterDescribe"],
  requires: [API_SERVER_PODS, clusterDescription(["eks", "gke"])],
  check(object) {
    if (object.kind === "ClusterDescribe") return cloudViolations(object);
    return podSecurity(object);
  },
});
