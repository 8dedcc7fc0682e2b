import { control, namespaceOf, violation } from "../../../dsl/index.js";
import { servicesVisible } from "./shared/scope.js";
import { exposesPortNumber } from "./shared/services.js";

export default control({
  id: "C-0302",
  name: "Dangling Gateway API backend",
  baseScore: 4,
  category: "Network",
  description:
    "A Gateway API route (HTTPRoute, TCPRoute, UDPRoute) whose backendRef names a Service that does not exist, or a port that Service does not expose, sends that share of its traffic nowhere, and whoever later creates a Service of that name receives it. A backendRef is a Service unless its group or kind says otherwise; other backends are not judged.",
  remediation:
    "Point each spec.rules[].backendRefs[] at an existing Service (in the route's namespace unless backendRef.namespace names another) and one of its ports, or remove the stale backendRef.",
  // Services are counted and pass, as in Kubescape: the routes are what is judged.
  kinds: ["HTTPRoute", "TCPRoute", "UDPRoute", "Service"],
  check(route, context) {
    if (route.kind === "Service") return [];
    return (route.spec?.rules ?? []).flatMap((rule, i) =>
      (rule.backendRefs ?? []).flatMap((ref, j) => {
        const path = `spec.rules[${i}].backendRefs[${j}]`;
        const name = ref.name ?? "";
        const namespace = ref.namespace ?? namespaceOf(route);
        if ((ref.group ?? "") !== "" || (ref.kind ?? "Service") !== "Service") return [];
        const service = context.object("Service", namespace, name);
        if (service === undefined) {
          return servicesVisible(context, namespace)
            ? [
                violation(`backend Service "${name}" not found in namespace "${namespace}"`, {
                  paths: [`${path}.name`],
                }),
              ]
            : [];
        }
        return ref.port !== undefined && !exposesPortNumber(service, ref.port)
          ? [violation(`backend Service "${name}" has no port ${ref.port}`, { paths: [`${path}.port`] })]
          : [];
      }),
    );
  },
});
