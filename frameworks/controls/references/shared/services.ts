// The ports a Service exposes, as an Ingress backend or a Gateway API route names them.
import type { KindMap } from "../../../../dsl/index.js";

type Service = KindMap["Service"];

/** An ExternalName Service resolves to a DNS name: the port of a backend is not checked against it. */
function isExternalName(service: Service): boolean {
  return service.spec?.type === "ExternalName";
}

/** Whether the Service has a port with this name (`spec.ports[].name`). */
export function exposesPortNamed(service: Service, name: string): boolean {
  return isExternalName(service) || (service.spec?.ports ?? []).some((port) => port.name === name);
}

/** Whether the Service has a port with this number (`spec.ports[].port`, not the targetPort). */
export function exposesPortNumber(service: Service, number: number): boolean {
  return isExternalName(service) || (service.spec?.ports ?? []).some((port) => port.port === number);
}
