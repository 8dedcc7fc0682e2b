// The Rego library every generated control imports: the DSL helpers (dsl/workload.ts,
// dsl/selectors.ts, dsl/image.ts, dsl/quantity.ts, dsl/ports.ts, dsl/rbac.ts, dsl/flags.ts) written in Rego, and the outcome of one object
// for one control. Its text is the same wherever it runs; a target (OPA or Gatekeeper) gives its
// package and the few rules that read what lies outside the object under review: control inputs
// and the other objects.
import { FLAGS_REGO } from "./lib-flags.js";
import { HOST_REGO } from "./lib-host.js";
import { IMAGE_REGO } from "./lib-image.js";
import { PORTS_REGO } from "./lib-ports.js";
import { QUANTITY_REGO } from "./lib-quantity.js";
import { RBAC_REGO } from "./lib-rbac.js";

/** Where the generated Rego runs, as far as the library is concerned. */
export interface LibTarget {
  /** The library's package (controls import it as `lib`). */
  readonly libPackage: string;
  /**
   * Rules reading outside the object under review: `control_input(name, fallback)` (a control
   * input or parameter; `fallback`, its default, when unset), `objects(kind)`, `objects_in(kind, namespace)` and `object_named(kind,
   * namespace, name)` (null when absent), where an object without a namespace is in "default".
   */
  readonly dataAccess: string;
}

/** The helpers, the same text for every target. */
const HELPERS = `# get(value, path) reads path (keys and array indexes) below value: null when a step is missing.
# An object is read as it is; anything else is wrapped first (object.get reads only objects), which
# costs a new object and array per call: most calls read objects.
get(value, path) := object.get(value, path, null) if {
	is_object(value)
} else := object.get({"value": value}, array.concat(["value"], path), null)

# coalesce(value, fallback) is value unless value is missing.
coalesce(value, fallback) := value if {
	value != null
} else := fallback

# text(value) is value as a template literal prints it; a missing value prints "undefined".
text(value) := value if {
	is_string(value)
} else := "undefined" if {
	value == null
} else := json.marshal(value)

# lower_ascii(text) lowers the letters A-Z and nothing else (dsl lowerAscii, CEL lowerAscii). An
# ASCII text's only letters are A-Z, so lower() is the same there, and far cheaper in policy.wasm
# than replace_n (which sorts its 26 keys on every call).
lower_ascii(text) := lower(text) if {
	regex.match(\`^[\\x00-\\x7f]*$\`, text)
} else := strings.replace_n(ascii_lowercase, text)

ascii_lowercase := {"A": "a", "B": "b", "C": "c", "D": "d", "E": "e", "F": "f", "G": "g", "H": "h", "I": "i", "J": "j", "K": "k", "L": "l", "M": "m", "N": "n", "O": "o", "P": "p", "Q": "q", "R": "r", "S": "s", "T": "t", "U": "u", "V": "v", "W": "w", "X": "x", "Y": "y", "Z": "z"}

# namespace_of(obj) is the namespace of an object; one without a namespace is in "default"
# (where kubectl creates it) (dsl namespaceOf).
namespace_of(obj) := coalesce(get(obj, ["metadata", "namespace"]), "default")

# pod_spec(obj) is the pod spec of any workload kind (dsl podSpec).
pod_spec(obj) := object.get(obj, ["spec"], null) if {
	obj.kind == "Pod"
} else := object.get(obj, ["spec", "jobTemplate", "spec", "template", "spec"], null) if {
	obj.kind == "CronJob"
} else := object.get(obj, ["spec", "template", "spec"], null)

# pod_spec_path(obj) is the dotted path of pod_spec(obj) (dsl podSpecPath).
pod_spec_path(obj) := "spec" if {
	obj.kind == "Pod"
} else := "spec.jobTemplate.spec.template.spec" if {
	obj.kind == "CronJob"
} else := "spec.template.spec"

# pod_metadata(obj) is the metadata of the pods a workload runs (dsl podMetadata).
pod_metadata(obj) := object.get(obj, ["metadata"], null) if {
	obj.kind == "Pod"
} else := object.get(obj, ["spec", "jobTemplate", "spec", "template", "metadata"], null) if {
	obj.kind == "CronJob"
} else := object.get(obj, ["spec", "template", "metadata"], null)

# containers(obj, init, ephemeral) lists {container, path, type} for the containers of a
# workload, then its init and ephemeral containers when asked (dsl containers).
containers(obj, init, ephemeral) := array.concat(
	array.concat(
		container_refs(obj, "containers", "container", true),
		container_refs(obj, "initContainers", "initContainer", init),
	),
	container_refs(obj, "ephemeralContainers", "ephemeralContainer", ephemeral),
)

# container_refs(obj, field, type, wanted) lists {container, path, type} for the containers of
# one list of the pod spec ([] when missing), when wanted.
container_refs(obj, field, type, wanted) := [ref |
	wanted == true
	some index, container in coalesce(get(pod_spec(obj), [field]), [])
	ref := {
		"container": container,
		"path": concat("", [pod_spec_path(obj), ".", field, "[", format_int(index, 10), "]"]),
		"type": type,
	}
]

# selector_matches(selector, labels) applies a Kubernetes label selector: {} matches everything,
# a missing selector nothing, a requirement the API server refuses (no key, an unknown operator,
# In or NotIn without values, Exists or DoesNotExist with values) never holds (dsl selectorMatches).
selector_matches(selector, labels) := false if {
	selector == null
} else := result if {
	have := coalesce(labels, {})
	label_mismatches := [key |
		some key, value in coalesce(get(selector, ["matchLabels"]), {})
		object.get(have, key, null) != value
	]
	failed_requirements := [requirement |
		some requirement in coalesce(get(selector, ["matchExpressions"]), [])
		not requirement_holds(requirement, have)
	]
	result := (count(label_mismatches) + count(failed_requirements)) == 0
}

requirement_holds(requirement, labels) if {
	requirement.operator == "In"
	values := coalesce(get(requirement, ["values"]), [])
	count(values) > 0
	requirement_label(requirement, labels) in values
}

requirement_holds(requirement, labels) if {
	requirement.operator == "NotIn"
	values := coalesce(get(requirement, ["values"]), [])
	count(values) > 0
	requirement_key(requirement) != ""
	not requirement_label(requirement, labels) in values
}

requirement_holds(requirement, labels) if {
	requirement.operator == "Exists"
	count(coalesce(get(requirement, ["values"]), [])) == 0
	requirement_label(requirement, labels) != null
}

requirement_holds(requirement, labels) if {
	requirement.operator == "DoesNotExist"
	count(coalesce(get(requirement, ["values"]), [])) == 0
	requirement_key(requirement) != ""
	requirement_label(requirement, labels) == null
}

requirement_key(requirement) := coalesce(get(requirement, ["key"]), "")

# requirement_label(requirement, labels) is the value of the label the requirement names, null
# when the pod has no such label or the requirement names none.
requirement_label(requirement, labels) := object.get(labels, requirement_key(requirement), null) if {
	requirement_key(requirement) != ""
} else := null

# map_selector_matches(selector, labels) applies a selector written as a map of labels (a
# Service's): every label must be there with its value; a missing or empty map selects nothing
# (dsl mapSelectorMatches).
map_selector_matches(selector, labels) := false if {
	count(coalesce(selector, {})) == 0
} else := result if {
	have := coalesce(labels, {})
	result := count([key | some key, value in selector; object.get(have, key, null) != value]) == 0
}

# outcome(index, found) is one object's result for one control. found is [violations], or []
# when the check could not be evaluated (a builtin failed on an unexpected value). Passing
# objects give null so that callers keep failures and errors only.
outcome(index, found) := {"index": index, "error": true} if {
	count(found) == 0
} else := {"index": index, "violations": found[0]} if {
	count(found[0]) > 0
} else := null

${IMAGE_REGO}
${QUANTITY_REGO}
${PORTS_REGO}
${RBAC_REGO}
${FLAGS_REGO}
${HOST_REGO}`;

/** The library module for a target. */
export function libModule(target: LibTarget): string {
  return `# Generated by rampart. Do not edit: see compiler/backends/rego/lib.ts.
# Helpers shared by every Rampart control; each mirrors a function of Rampart's DSL.
package ${target.libPackage}

${HELPERS}
${target.dataAccess}`;
}

/** The import line that binds the library to `lib` in a control module. */
export function libImport(target: LibTarget): string {
  const last = target.libPackage.split(".").at(-1);
  return `import data.${target.libPackage}${last === "lib" ? "" : " as lib"}`;
}

/** OPA (bundles, policy.wasm, opa eval): inputs and the scan's objects are in data.rampart. */
export const OPA_LIB_TARGET: LibTarget = {
  libPackage: "rampart.lib",
  dataAccess: `# control_input(name, fallback) is a control input or parameter (data.rampart.inputs), fallback when unset.
control_input(name, fallback) := object.get(data.rampart.inputs, name, fallback)

# The objects of the scan (data.rampart.inventory: kind → namespace → name → object).
# objects(kind) lists every object of a kind, objects_in(kind, namespace) those of one
# namespace, object_named(kind, namespace, name) one object or null.
objects(kind) := [obj | some by_name in object.get(data.rampart.inventory, kind, {}); some obj in by_name]

objects_in(kind, namespace) := [obj | some obj in object.get(data.rampart.inventory, [kind, namespace], {})]

object_named(kind, namespace, name) := object.get(data.rampart.inventory, [kind, namespace, name], null)
`,
};

export const LIB_REGO = libModule(OPA_LIB_TARGET);
