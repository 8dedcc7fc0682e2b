// Label selector matching, as Kubernetes defines it for NetworkPolicy and workload selectors.
import type { LabelSelector } from "kubernetes-types/meta/v1.js";

/**
 * True when `labels` satisfy `selector`. An empty selector (`{}`) matches everything; a
 * missing selector matches nothing; an unknown operator never matches.
 */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: { readonly [key: string]: string } | undefined,
): boolean {
  if (selector === undefined) return false;
  const have = labels ?? {};
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(
    ([key, value]) => Object.hasOwn(have, key) && have[key] === value,
  );
  const byExpression = (selector.matchExpressions ?? []).every((requirement) => {
    const present = Object.hasOwn(have, requirement.key);
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case "In":
        return present && values.includes(have[requirement.key] as string);
      case "NotIn":
        return !present || !values.includes(have[requirement.key] as string);
      case "Exists":
        return present;
      case "DoesNotExist":
        return !present;
      default:
        return false;
    }
  });
  return byLabel && byExpression;
}
