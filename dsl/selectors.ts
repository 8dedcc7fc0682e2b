// Label selectors, as Kubernetes applies them: the LabelSelector of NetworkPolicy and workload
// selectors (matchLabels and matchExpressions), and the plain map of a Service's selector.
// The compiler knows these functions (by declaration) and emits an equivalent per back end, so
// their behaviour here is the specification for the Rego library and the CEL printer.
import type { LabelSelector, LabelSelectorRequirement } from "kubernetes-types/meta/v1.js";

type Labels = { readonly [key: string]: string } | undefined;

/**
 * True when `labels` satisfy `selector`, as Kubernetes' `LabelSelectorAsSelector` reads it: every
 * `matchLabels` entry and every `matchExpressions` requirement must hold (`In`: the label has one
 * of the values; `NotIn`: it is absent or has none of them; `Exists`; `DoesNotExist`). An empty
 * selector (`{}`) selects everything; a missing selector selects nothing. A requirement the API
 * server refuses (no key, an unknown operator, `In`/`NotIn` without values, `Exists`/
 * `DoesNotExist` with values) selects nothing: Kubernetes cannot make a selector of it.
 */
export function selectorMatches(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (selector === undefined) return false;
  const have = labels ?? {};
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(
    ([key, value]) => Object.hasOwn(have, key) && have[key] === value,
  );
  return byLabel && (selector.matchExpressions ?? []).every((requirement) => requirementHolds(requirement, have));
}

function requirementHolds(requirement: LabelSelectorRequirement, labels: { readonly [key: string]: string }): boolean {
  // Manifests can leave out what the API types require.
  const key: string = requirement.key ?? "";
  const values: readonly string[] = requirement.values ?? [];
  if (key === "") return false;
  const present = Object.hasOwn(labels, key);
  const listed = present && values.includes(labels[key] as string);
  switch (requirement.operator) {
    case "In":
      return values.length > 0 && listed;
    case "NotIn":
      return values.length > 0 && !listed;
    case "Exists":
      return values.length === 0 && present;
    case "DoesNotExist":
      return values.length === 0 && !present;
    default:
      return false;
  }
}

/**
 * True when `labels` carry every label of `selector`, a selector written as a plain map (a
 * Service's `spec.selector`, a ReplicationController's). A missing or empty map selects nothing,
 * as for a Service: without a selector its endpoints are managed by something else.
 */
export function mapSelectorMatches(selector: Labels, labels: Labels): boolean {
  if (selector === undefined) return false;
  const have = labels ?? {};
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([key, value]) => Object.hasOwn(have, key) && have[key] === value);
}
