// What the two admission back ends, ValidatingAdmissionPolicies (cel/) and Gatekeeper
// (gatekeeper/), share: how the policies are deployed (what a violation does, where, which
// objects are exempt), the names and labels of what they generate, the kinds they match by API
// group, and how their YAML files are written.
import { stringify } from "yaml";
import type { ControlMetadata, KindName } from "../../dsl/index.js";
import { type ApiKindName, isApiKind, KIND_RESOURCES } from "./cel/resources.js";

export type ValidationAction = "Deny" | "Warn" | "Audit";

/** RE2 patterns an object must fully match to be exempted (kind, name, namespace, labels). */
export interface ObjectPattern {
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly labels: ReadonlyArray<readonly [string, string]>;
}

/** Objects a control's policy must let through (an exception). */
export interface Exemption {
  readonly name: string;
  readonly objects: readonly ObjectPattern[];
}

/** How the policies are deployed: what a violation does, where, and which objects are exempt. */
export interface AdmissionOptions {
  /** The binding's validationActions for a control (default: defaultValidationActions). */
  readonly validationActions?: (control: ControlMetadata) => readonly ValidationAction[];
  /** Namespaces the bindings apply to (by the kubernetes.io/metadata.name label). */
  readonly namespaces?: { readonly include?: readonly string[]; readonly exclude?: readonly string[] };
  /** Exceptions that cover a control (identified with the frameworks that list it). */
  readonly exemptions?: (control: PolicyControl) => readonly Exemption[];
}

/** What a violation of the control does when the deployment does not say: its own action. */
export function defaultValidationActions(control: ControlMetadata): readonly ValidationAction[] {
  return [control.action === "warn" ? "Warn" : "Deny"];
}

/** The binding's validationActions for a control under these deployment options. */
export function validationActionsFor(
  control: ControlMetadata,
  options: AdmissionOptions | undefined,
): readonly ValidationAction[] {
  return options?.validationActions?.(control) ?? defaultValidationActions(control);
}

/** A control as exceptions name it: by ID, by name, or by a framework it belongs to. */
export interface PolicyControl {
  readonly id: string;
  readonly name: string;
  readonly frameworks: readonly string[];
}

/** The name of a control's policy, binding and Constraint. */
export function policyName(controlId: string): string {
  return `rampart-${controlId.toLowerCase()}`;
}

/** The labels of every object Rampart generates (a new object each time: shared objects become YAML aliases). */
export function managedByLabels(): Record<string, string> {
  return { "app.kubernetes.io/managed-by": "rampart" };
}

/** An RE2 pattern that matches a text exactly when `pattern` matches all of it (exceptions' patterns do). */
export function fullMatchPattern(pattern: string): string {
  return `^(?:${pattern})$`;
}

/**
 * Kinds by API group: the groups in the order of their first kind, each with its kinds in order.
 * Kinds that never reach the API server (a cloud provider's cluster description) are left out.
 */
export function kindsByGroup(kinds: readonly KindName[]): Map<string, ApiKindName[]> {
  const groups = new Map<string, ApiKindName[]>();
  for (const kind of kinds.filter(isApiKind)) {
    const group = KIND_RESOURCES[kind].group;
    groups.set(group, [...(groups.get(group) ?? []), kind]);
  }
  return groups;
}

/** A generated YAML file: a comment line, then the documents (long strings never folded). */
export function yamlFile(header: string, documents: readonly unknown[]): string {
  return `# ${header}\n${documents.map((document) => stringify(document, { lineWidth: 0 })).join("---\n")}`;
}
