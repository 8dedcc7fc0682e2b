// The resources of RBAC controls (ControlMetadata.subjects). A RoleBinding or ClusterRoleBinding
// grants its role to each of its subjects; Kubescape counts each such grant, a subject with the
// binding and the role, as one resource of an RBAC control, and reports it as the subject. So
// does Rampart: the engines evaluate the bindings (every back end, Gatekeeper included, reviews
// the object that grants), and here each subject entry of a binding whose role the scan holds
// becomes a scanned object of its own (kind, namespace and name of the subject, the binding's
// source), whose result is the binding's violations that name it (a path `subjects[i]`).
import { boundRole, type CheckContext, type RbacBinding, subjectNamespace, type Violation } from "../dsl/index.js";
import type { Inventory, KubeObject, Outcome } from "./engine/engine.js";
import { lookupsOf } from "./engine/reference.js";
import type { ScannedObject } from "./scan.js";

/** A subject entry of a binding, as a resource of RBAC controls. */
export interface SubjectEntry {
  readonly kind: string;
  readonly name: string;
  /** A service account's namespace; undefined for users and groups. */
  readonly namespace: string | undefined;
  readonly path: string;
}

const BINDING_KINDS: ReadonlySet<string> = new Set(["RoleBinding", "ClusterRoleBinding"]);

export function isBinding(object: KubeObject): boolean {
  return BINDING_KINDS.has(object.kind as string);
}

/** The API version a subject's kind belongs to: core for service accounts, RBAC for users and groups. */
export function subjectApiVersion(kind: string): string {
  return kind === "ServiceAccount" ? "v1" : "rbac.authorization.k8s.io/v1";
}

/** Lookups over the scan's inventory, as a check's context gives them. */
export function subjectLookups(inventory: Inventory): CheckContext {
  return { inputs: {}, params: {}, ...lookupsOf(inventory) } as CheckContext;
}

/**
 * The subject entries of a binding that are resources of RBAC controls: every entry, when the
 * scan holds the role the binding binds (boundRole, as the checks read it); none otherwise, as a
 * binding of a missing role grants nothing (and Kubescape counts no grant for it).
 */
export function subjectEntries(binding: KubeObject, lookups: CheckContext): SubjectEntry[] {
  if (!isBinding(binding) || boundRole(binding as RbacBinding, lookups) === undefined) return [];
  const subjects = (binding.subjects ?? []) as RbacBinding["subjects"] & object;
  return subjects.map((subject, index) => {
    const namespace = subjectNamespace(subject, binding as RbacBinding);
    return {
      kind: subject.kind ?? "",
      name: subject.name ?? "",
      namespace: namespace === "" ? undefined : namespace,
      path: `subjects[${index}]`,
    };
  });
}

/**
 * The violations of a binding that belong to one of its subjects: those naming the subject's
 * entry (`subjects[i]` or a field below it) in a path, and those naming no subject at all.
 */
export function violationsOfSubject(violations: readonly Violation[], path: string): Violation[] {
  const names = (field: string, entry: string) =>
    field === entry || field.startsWith(`${entry}.`) || field.startsWith(`${entry}[`);
  return violations.filter(
    (violation) =>
      violation.paths.some((field) => names(field, path)) ||
      !violation.paths.some((field) => /^subjects\[\d+\]/.test(field)),
  );
}

/** A subject, as the object reports and exceptions see: its kind, name and namespace. */
export function subjectObject(entry: SubjectEntry): KubeObject {
  return {
    apiVersion: subjectApiVersion(entry.kind),
    kind: entry.kind,
    metadata: { name: entry.name, ...(entry.namespace === undefined ? {} : { namespace: entry.namespace }) },
  };
}

/** The part of a binding's outcome that belongs to its subject at `path` (undefined: it passes). */
export function outcomeOfSubject(outcome: Outcome | undefined, path: string): Outcome | undefined {
  if (outcome === undefined || "error" in outcome) return outcome;
  const violations = violationsOfSubject(outcome.violations, path);
  return violations.length === 0 ? undefined : { index: outcome.index, violations };
}

/**
 * The subjects of each binding that RBAC controls count (runtime/subjects.ts), as scanned
 * objects numbered from `firstIndex`: binding index → its subjects ([] when its role is missing).
 */
export function subjectsOfBindings(
  bindings: readonly ScannedObject[],
  lookups: CheckContext,
  firstIndex: number,
): Map<number, ScannedObject[]> {
  let next = firstIndex;
  return new Map(
    bindings.map((binding) => [
      binding.index,
      subjectEntries(binding.object, lookups).map((entry): ScannedObject => {
        const apiVersion = subjectApiVersion(entry.kind);
        return {
          index: next++,
          object: subjectObject(entry),
          apiVersion,
          kind: entry.kind,
          name: entry.name,
          namespace: entry.namespace,
          labels: {},
          resourceID: `${apiVersion}/${entry.namespace ?? ""}/${entry.kind}/${entry.name}@${binding.resourceID}.${entry.path}`,
          source: binding.source,
          grantedBy: { binding, path: entry.path },
        };
      }),
    ]),
  );
}
