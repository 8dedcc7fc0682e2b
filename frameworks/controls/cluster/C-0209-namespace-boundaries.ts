import { control, violation } from "../../../dsl/index.js";

export default control({
  id: "C-0209",
  name: "Create administrative boundaries between resources using namespaces",
  baseScore: 5,
  category: "Workload",
  description:
    "Namespaces are where RBAC, resource quotas, network policies and Pod Security levels draw their lines; workloads of different teams or trust levels in one namespace share all of them. No rule decides which namespaces a cluster needs: each namespace is listed, with what runs in it, for review.",
  remediation:
    "Review each namespace: give each team or application its own, and move workloads out of default and the kube-* namespaces unless they belong to the cluster itself.",
  kinds: ["Namespace"],
  check(namespace, context) {
    const name = namespace.metadata?.name ?? "";
    const workloads = [
      ...context.objectsIn("Pod", name),
      ...context.objectsIn("Deployment", name),
      ...context.objectsIn("ReplicaSet", name),
      ...context.objectsIn("DaemonSet", name),
      ...context.objectsIn("StatefulSet", name),
      ...context.objectsIn("Job", name),
      ...context.objectsIn("CronJob", name),
    ].length;
    const accounts = context.objectsIn("ServiceAccount", name).length;
    return [
      violation(
        `review this namespace as an administrative boundary: the scan holds ${workloads} workload objects (pods and their controllers) and ${accounts} service accounts in it`,
        { paths: ["metadata.name"] },
      ),
    ];
  },
});
