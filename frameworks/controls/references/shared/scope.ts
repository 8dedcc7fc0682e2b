// What the reference controls can see. A scan of manifests holds only some of a cluster's
// objects, so "not in the scan" may only mean "in other files". A reference into a namespace is
// judged only where the scan shows that namespace: it holds the Namespace object itself (a
// cluster scan holds every one), or at least one object of the kind looked up there. Elsewhere
// the reference passes (README.md, "References to other objects").
import type { CheckContext, Workload } from "../../../../dsl/index.js";

/** Whether the scan holds the Namespace `namespace` (cluster-scoped objects are filed under "default"). */
export function namespaceInScan(context: CheckContext, namespace: string): boolean {
  return context.object("Namespace", "default", namespace) !== undefined;
}

/** The objects of every workload kind in a namespace, ReplicationControllers included. */
export function workloadsIn(context: CheckContext, namespace: string): readonly Workload[] {
  return [
    ...context.objectsIn("Pod", namespace),
    ...context.objectsIn("Deployment", namespace),
    ...context.objectsIn("ReplicaSet", namespace),
    ...context.objectsIn("DaemonSet", namespace),
    ...context.objectsIn("StatefulSet", namespace),
    ...context.objectsIn("Job", namespace),
    ...context.objectsIn("CronJob", namespace),
    ...context.objectsIn("ReplicationController", namespace),
  ];
}

/** Whether the Services of a namespace are in the scan: some of them, or the Namespace itself. */
export function servicesVisible(context: CheckContext, namespace: string): boolean {
  return context.objectsIn("Service", namespace).length > 0 || namespaceInScan(context, namespace);
}
