import { control, namespaceOf, violation } from "../../../dsl/index.js";
import { servicesVisible } from "./shared/scope.js";
import { exposesPortNamed, exposesPortNumber } from "./shared/services.js";

export default control({
  id: "C-0298",
  name: "Dangling Ingress backend",
  baseScore: 4,
  category: "Network",
  description:
    "An Ingress whose backend names a Service that does not exist in its namespace, or a port that Service does not expose, answers its routes with errors, and whoever later creates a Service of that name receives the traffic. Each backend is checked: spec.defaultBackend and every rules[].http.paths[].backend that names a Service.",
  remediation:
    "Point backend.service.name at an existing Service of the Ingress's namespace and backend.service.port at one of its ports (by name or number), or remove the stale rule.",
  // Services are counted and pass, as in Kubescape: the Ingresses are what is judged.
  kinds: ["Ingress", "Service"],
  check(ingress, context) {
    if (ingress.kind !== "Ingress") return [];
    const namespace = namespaceOf(ingress);
    const defaultBackend = ingress.spec?.defaultBackend;
    const backends = [
      ...(defaultBackend !== undefined ? [{ backend: defaultBackend, path: "spec.defaultBackend" }] : []),
      ...(ingress.spec?.rules ?? []).flatMap((rule, i) =>
        (rule.http?.paths ?? []).map((entry, j) => ({
          backend: entry.backend,
          path: `spec.rules[${i}].http.paths[${j}].backend`,
        })),
      ),
    ];
    const visible = servicesVisible(context, namespace);
    return backends.flatMap(({ backend, path }) => {
      const name = backend.service?.name;
      // A resource backend (spec.rules[].http.paths[].backend.resource) names no Service.
      if (name === undefined) return [];
      const service = context.object("Service", namespace, name);
      if (service === undefined) {
        return visible
          ? [
              violation(`backend Service "${name}" not found in namespace "${namespace}"`, {
                paths: [`${path}.service.name`],
              }),
            ]
          : [];
      }
      const portName = backend.service?.port?.name;
      const portNumber = backend.service?.port?.number;
      if (portName !== undefined && !exposesPortNamed(service, portName))
        return [
          violation(`backend Service "${name}" has no port named "${portName}"`, {
            paths: [`${path}.service.port.name`],
          }),
        ];
      if (portNumber !== undefined && !exposesPortNumber(service, portNumber))
        return [
          violation(`backend Service "${name}" has no port ${portNumber}`, { paths: [`${path}.service.port.number`] }),
        ];
      return [];
    });
  },
});
