import { control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { podLabelsPath } from "./shared/pod-template.js";
import { type Service, servicesOf } from "./shared/services.js";

/** A Service reachable from outside the cluster: a NodePort, a LoadBalancer with an address, or external IPs. */
function exposedOutside(service: Service): boolean {
  const balanced = (service.status?.loadBalancer?.ingress ?? []).some(
    (ingress) => ingress.ip !== undefined || ingress.hostname !== undefined,
  );
  return (
    service.spec?.type === "NodePort" ||
    (service.spec?.type === "LoadBalancer" && balanced) ||
    (service.spec?.externalIPs ?? []).length > 0
  );
}

export default control({
  id: "C-0021",
  name: "Exposed sensitive interfaces",
  baseScore: 6,
  category: "Workload",
  description:
    "Dashboards and admin consoles (Kubernetes Dashboard, Argo, Jenkins, Jupyter, model servers: the control input sensitiveInterfaces, matched in the workload's name) give control of the cluster or its data. A workload fails when a Service of its namespace that selects its pods is reachable from outside the cluster: a NodePort, a LoadBalancer that has an address, or external IPs.",
  remediation:
    "Expose such interfaces through a ClusterIP Service only, behind an authenticating proxy or VPN; remove the NodePort, LoadBalancer or externalIPs.",
  // Services are counted and pass: the workloads they expose are judged.
  kinds: [...WORKLOAD_KINDS, "Service"],
  inputs: ["sensitiveInterfaces"],
  check(object, context) {
    if (object.kind === "Service") return [];
    const name = object.metadata?.name ?? "";
    if (!context.inputs.sensitiveInterfaces.some((entry) => name.includes(entry))) return [];
    return servicesOf(object, context)
      .filter((service) => exposedOutside(service))
      .map((service) =>
        violation(
          `${object.kind} ${name} is a sensitive interface exposed outside the cluster by Service "${service.metadata?.name ?? ""}" (${service.spec?.type ?? "ClusterIP"})`,
          { paths: [podLabelsPath(object)] },
        ),
      );
  },
});
