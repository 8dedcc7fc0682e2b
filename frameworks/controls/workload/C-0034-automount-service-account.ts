import { control, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { serviceAccountTokenMounted } from "./shared/service-account-token.js";

export default control({
  id: "C-0034",
  name: "Automatic mapping of service account",
  baseScore: 6,
  category: "Secrets",
  description:
    "Unless a pod or its service account opts out, Kubernetes mounts a service account token in every container; an attacker in the container can use it against the API server. The pod's own automountServiceAccountToken wins; when unset, the service account's setting applies (default: mount).",
  remediation:
    "Set automountServiceAccountToken: false in the pod spec, or on the ServiceAccount, for workloads that do not call the Kubernetes API.",
  // ServiceAccounts are counted and pass, as in Kubescape (their setting is judged through the workloads).
  kinds: [...WORKLOAD_KINDS, "ServiceAccount"],
  check(workload, context) {
    if (workload.kind === "ServiceAccount") return [];
    return serviceAccountTokenMounted(workload, context);
  },
});
