import { control, namespaceOf, violation } from "../../../dsl/index.js";
import { namespaceInScan } from "./shared/scope.js";

export default control({
  id: "C-0300",
  name: "Dangling HPA target",
  baseScore: 4,
  category: "Workload",
  description:
    "A HorizontalPodAutoscaler whose scaleTargetRef names a Deployment, StatefulSet, ReplicaSet or ReplicationController that does not exist in its namespace scales nothing: the workload it was meant for runs at a fixed size. Targets of other kinds (custom resources with a scale subresource) are not judged.",
  remediation:
    "Set spec.scaleTargetRef (kind and name) to the workload the autoscaler is meant for, in the autoscaler's namespace, or delete the autoscaler.",
  // The workloads are counted and pass, as in Kubescape: the autoscalers are what is judged.
  kinds: ["HorizontalPodAutoscaler", "Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"],
  check(hpa, context) {
    if (hpa.kind !== "HorizontalPodAutoscaler") return [];
    const namespace = namespaceOf(hpa);
    const kind = hpa.spec?.scaleTargetRef?.kind ?? "";
    const name = hpa.spec?.scaleTargetRef?.name ?? "";
    // Only the built-in scalable kinds are looked up: a custom resource with a scale subresource is not judged.
    if (kind !== "Deployment" && kind !== "StatefulSet" && kind !== "ReplicaSet" && kind !== "ReplicationController")
      return [];
    const candidates =
      kind === "Deployment"
        ? context.objectsIn("Deployment", namespace)
        : kind === "StatefulSet"
          ? context.objectsIn("StatefulSet", namespace)
          : kind === "ReplicaSet"
            ? context.objectsIn("ReplicaSet", namespace)
            : context.objectsIn("ReplicationController", namespace);
    if (candidates.some((workload) => workload.metadata?.name === name)) return [];
    // No object of the target's kind in the namespace, and no Namespace: the scan does not show it.
    if (candidates.length === 0 && !namespaceInScan(context, namespace)) return [];
    return [
      violation(`scale target ${kind} "${name}" not found in namespace "${namespace}"`, {
        paths: ["spec.scaleTargetRef.name"],
      }),
    ];
  },
});
