import { control, fixChoice, namespaceOf, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-0212",
  name: "The default namespace should not be used",
  baseScore: 4,
  category: "Workload",
  description:
    "Objects in the default namespace share one namespace with everything created without thought: RBAC, network policies, quotas and Pod Security levels cannot be scoped to them. Every namespaced object in default fails (a manifest without metadata.namespace lands there), except the kubernetes Service, Endpoints and EndpointSlice that the API server keeps there itself.",
  remediation:
    "Create a namespace per application or team and set metadata.namespace in every manifest (or deploy with -n); move the objects out of default.",
  kinds: [
    ...WORKLOAD_KINDS,
    "ReplicationController",
    "PodTemplate",
    "ConfigMap",
    "Secret",
    "ServiceAccount",
    "Service",
    "Endpoints",
    "EndpointSlice",
    "Ingress",
    "PersistentVolumeClaim",
    "HorizontalPodAutoscaler",
    "PodDisruptionBudget",
    "Role",
    "RoleBinding",
    "Lease",
    "CSIStorageCapacity",
  ],
  check(object) {
    if (namespaceOf(object) !== "default") return [];
    const name = object.metadata?.name ?? "";
    const apiServerOwn =
      name === "kubernetes" &&
      (object.kind === "Service" || object.kind === "Endpoints" || object.kind === "EndpointSlice");
    if (apiServerOwn) return [];
    return object.metadata?.namespace === undefined
      ? [
          violation(`${object.kind} ${name} names no namespace, so it is created in "default"`, {
            paths: ["metadata.namespace"],
            fixes: [fixChoice("metadata.namespace", "namespace", "")],
          }),
        ]
      : [violation(`${object.kind} ${name} is in the "default" namespace`, { paths: ["metadata.namespace"] })];
  },
});
