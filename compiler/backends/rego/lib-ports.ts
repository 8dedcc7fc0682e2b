// Container ports in Rego, step for step as dsl/ports.ts: the ports of the containers that
// `containers` lists, each read with the API server's defaults.

import { DEFAULT_PROTOCOL } from "../../../dsl/ports.js";
import { regoString } from "./escape.js";

export const PORTS_REGO = `# container_ports(obj, init, ephemeral) lists {port, path, container, containerPath, type} for
# every port of the containers containers(obj, init, ephemeral) lists, in order (dsl
# containerPorts).
container_ports(obj, init, ephemeral) := [ref |
	some container_ref in containers(obj, init, ephemeral)
	some index, port in coalesce(get(container_ref, ["container", "ports"]), [])
	ref := {
		"port": declared_port(port),
		"path": concat("", [container_ref.path, ".ports[", format_int(index, 10), "]"]),
		"container": container_ref.container,
		"containerPath": container_ref.path,
		"type": container_ref.type,
	}
]

# declared_port(port) is a port as the cluster keeps it: protocol TCP when unset or empty; a
# hostPort of 0 and an empty name or hostIP are unset (null).
declared_port(port) := {
	"containerPort": get(port, ["containerPort"]),
	"hostPort": unset_when(get(port, ["hostPort"]), 0),
	"protocol": coalesce(unset_when(get(port, ["protocol"]), ""), ${regoString(DEFAULT_PROTOCOL)}),
	"name": unset_when(get(port, ["name"]), ""),
	"hostIP": unset_when(get(port, ["hostIP"]), ""),
}

# unset_when(value, zero) is null when value is the zero value the API server drops, else value.
unset_when(value, zero) := null if {
	value == zero
} else := value
`;
