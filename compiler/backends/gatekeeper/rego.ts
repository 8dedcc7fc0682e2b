// The Rego of a ConstraintTemplate: the control's module as the Rego back end writes it, with
// Gatekeeper's entry rule `violation`, and the shared library under Gatekeeper's `lib` root.
//
// Gatekeeper only lets template Rego read `data.lib.*` (the template's libs) and
// `data.inventory` (objects it replicates from the cluster). So the library is
// `package lib.rampart`, control inputs are the Constraint's parameters (`input.parameters`), and
// the other objects come from `data.inventory`, seen as Rampart's inventory (kind → namespace →
// name) by the library's data-access rules below.

import type { ControlIr } from "../../frontend/control-module.js";
import { type Exemption, fullMatchPattern, type ObjectPattern } from "../admission.js";
import { regoString } from "../rego/escape.js";
import { type LibTarget, libModule } from "../rego/lib.js";
import { controlModule, controlPackage, type RegoTarget } from "../rego/modules.js";

/** What Gatekeeper reports when the check cannot evaluate an object (policy.wasm says the same). */
export const EVALUATION_ERROR = "the policy could not evaluate this object (a value has an unexpected type)";

/** Rule names the entry rules define beside the control's own functions. */
export const ENTRY_RULE_NAMES: ReadonlySet<string> = new Set(["violation", "reviewed", "exempt"]);

const GATEKEEPER_LIB_TARGET: LibTarget = {
  libPackage: "lib.rampart",
  dataAccess: `# control_input(name, fallback) is a control input or parameter, a parameter of the Constraint: fallback when unset.
control_input(name, fallback) := object.get(input, ["parameters", name], fallback)

# The objects Gatekeeper replicates (see the SyncSet), as Rampart's inventory. Gatekeeper keeps
# data.inventory.namespace[namespace][groupVersion][kind][name] and
# data.inventory.cluster[groupVersion][kind][name]; an object without a namespace (gator puts
# such objects under cluster) is in "default", as in a scan.
objects(kind) := array.concat(
	[obj |
		some by_group_version in object.get(data.inventory, "namespace", {})
		some by_kind in by_group_version
		some obj in object.get(by_kind, kind, {})
	],
	[obj | some by_kind in object.get(data.inventory, "cluster", {}); some obj in object.get(by_kind, kind, {})],
)

objects_in(kind, namespace) := array.concat(
	[obj | some by_kind in object.get(data.inventory, ["namespace", namespace], {}); some obj in object.get(by_kind, kind, {})],
	[obj |
		some by_kind in object.get(data.inventory, "cluster", {})
		some obj in object.get(by_kind, kind, {})
		namespace_of(obj) == namespace
	],
)

object_named(kind, namespace, name) := get(named, [0]) if {
	named := [obj | some obj in objects_in(kind, namespace); coalesce(get(obj, ["metadata", "name"]), "") == name]
}
`,
};

/** The library as a ConstraintTemplate lib. */
export const GATEKEEPER_LIB_REGO = libModule(GATEKEEPER_LIB_TARGET);

/** A RE2 full match of `value` (a Rego term), as the admission policies' exceptions match. */
function fullMatch(pattern: string, value: string): string {
  return `regex.match(${regoString(fullMatchPattern(pattern))}, ${value})`;
}

/** The body lines that hold for the objects a pattern of an exception names. */
function patternLines(pattern: ObjectPattern): string[] {
  const lines = [
    ...(pattern.kind === undefined ? [] : [fullMatch(pattern.kind, 'object.get(input.review.object, "kind", "")')]),
    ...(pattern.name === undefined
      ? []
      : [fullMatch(pattern.name, 'object.get(input.review.object, ["metadata", "name"], "")')]),
    ...(pattern.namespace === undefined
      ? []
      : [fullMatch(pattern.namespace, 'object.get(input.review, "namespace", "")')]),
    ...pattern.labels.flatMap(([key, value]) => {
      const label = `object.get(input.review.object, ["metadata", "labels", ${regoString(key)}], null)`;
      return [`${label} != null`, fullMatch(value, label)];
    }),
  ];
  return lines.length === 0 ? ["true"] : lines;
}

function exemptRules(exemptions: readonly Exemption[]): string {
  if (exemptions.length === 0) return "";
  const rules = exemptions.flatMap((exemption) =>
    exemption.objects.map(
      (pattern) =>
        `# exception ${regoString(exemption.name)}\nexempt if {\n${patternLines(pattern)
          .map((line) => `\t${line}`)
          .join("\n")}\n}`,
    ),
  );
  return `\n# exempt holds for the objects that exceptions let through.\n${rules.join("\n\n")}\n`;
}

/** Gatekeeper's entry rules for one control. */
function entryRules(control: ControlIr, exemptions: readonly Exemption[]): string {
  const id = regoString(control.metadata.id);
  return `# violation is what Gatekeeper reads: one entry per violation of the object under review, and
# one when the check cannot evaluate the object.
violation contains {"msg": found.message, "details": {"controlID": ${id}, "paths": found.paths, "fixes": found.fixes}} if {
\treviewed
\tsome found in violations(input.review.object)
}

violation contains {"msg": ${regoString(EVALUATION_ERROR)}, "details": {"controlID": ${id}, "error": true}} if {
\treviewed
\tcount([found | found := violations(input.review.object)]) == 0
}

# reviewed holds when the object under review is of a kind this control evaluates${exemptions.length === 0 ? "" : " and no\n# exception lets it through"}.
reviewed if {
\tinput.review.object.kind in kinds
${exemptions.length === 0 ? "" : "\tnot exempt\n"}}
${exemptRules(exemptions)}`;
}

/** The control's module, with `violation`, as a ConstraintTemplate's `rego`. */
export function templateRego(control: ControlIr, exemptions: readonly Exemption[]): string {
  const target: RegoTarget = {
    ...GATEKEEPER_LIB_TARGET,
    controlPackage,
    entryRules: (ir) => entryRules(ir, exemptions),
  };
  return controlModule(control, target);
}
