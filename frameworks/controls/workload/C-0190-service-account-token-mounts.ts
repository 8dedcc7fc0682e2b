import { control, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { serviceAccountTokenMounted } from "./shared/service-account-token.js";

export default control({
  id: "C-0190",
  name: "Ensure that Service Account Tokens are only mounted where necessary",
  baseScore: 5,
  category: "Workload",
  description:
    "A mounted service account token lets whoever controls the container call the API server as that account. Pods should mount it only when they call the API: the pod's automountServiceAccountToken decides, else its ServiceAccount's (CIS 5.1.6; the same check as C-0034).",
  remediation:
    "Set automountServiceAccountToken: false on the ServiceAccount, and true only in the pod specs of workloads that call the Kubernetes API.",
  // ServiceAccounts are counted and pass, as in Kubescape (their setting is judged through the workloads).
  kinds: [...WORKLOAD_KINDS, "ServiceAccount"],
  check(workload, context) {
    if (workload.kind === "ServiceAccount") return [];
    return serviceAccountTokenMounted(workload, context);
  },
});
