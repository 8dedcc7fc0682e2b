// The ports a workload's containers declare, each with its path, read with the defaults the API
// server applies. The compiler emits the same steps in Rego (compiler/backends/rego/lib-ports.ts)
// and CEL (policy variables in compiler/backends/cel/vap.ts).
import type { Container, ContainerPort } from "kubernetes-types/core/v1.js";
import type { Workload } from "./kinds.js";
import { type ContainerOptions, type ContainerType, containers } from "./workload.js";

/**
 * A declared port as the cluster keeps it: `protocol` is TCP when the manifest leaves it out or
 * empty (the API server's default); a `hostPort` of 0 and an empty `name` or `hostIP` are the
 * same as none (the API server drops them), so they are undefined.
 */
export interface DeclaredPort {
  readonly containerPort: number;
  readonly hostPort?: number;
  readonly protocol: string;
  readonly name?: string;
  readonly hostIP?: string;
}

export interface PortRef {
  readonly port: DeclaredPort;
  /** Path of the port in the object, e.g. `spec.template.spec.containers[0].ports[1]`. */
  readonly path: string;
  /** The container that declares the port. */
  readonly container: Container;
  /** Path of that container, e.g. `spec.template.spec.containers[0]`. */
  readonly containerPath: string;
  readonly type: ContainerType;
}

export const DEFAULT_PROTOCOL = "TCP";

/** The port with the API server's defaults and without its zero values. */
function declared(port: ContainerPort): DeclaredPort {
  const { containerPort, hostPort, protocol, name, hostIP } = port;
  return {
    containerPort,
    ...(hostPort === undefined || hostPort === 0 ? {} : { hostPort }),
    protocol: protocol === undefined || protocol === "" ? DEFAULT_PROTOCOL : protocol,
    ...(name === undefined || name === "" ? {} : { name }),
    ...(hostIP === undefined || hostIP === "" ? {} : { hostIP }),
  };
}

/**
 * Every port the containers of a workload declare, in order: the ports of each container that
 * `containers(workload, options)` lists (init and ephemeral containers when asked), in the order
 * of its `ports`.
 */
export function containerPorts(workload: Workload, options: ContainerOptions = {}): readonly PortRef[] {
  return containers(workload, options).flatMap((ref) =>
    (ref.container.ports ?? []).map((port, index) => ({
      port: declared(port),
      path: `${ref.path}.ports[${index}]`,
      container: ref.container,
      containerPath: ref.path,
      type: ref.type,
    })),
  );
}
