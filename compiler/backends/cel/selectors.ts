// The CEL of the DSL's label selector helpers (dsl/selectors.ts), given the CEL of their
// arguments. The selector and the labels are bound together first, `[dyn(selector),
// dyn(labels)].map(s, body)[0]`, so that every expression of the control is printed outside the
// comprehensions below and no name chosen here can capture a variable of the control.
import { bind, listOrEmpty } from "./helpers.js";

/** The map `field` of `base` (a map, or null), {} when either is missing or null. */
function mapOrEmpty(base: string, field: string): string {
  return `(optional.ofNonZeroValue(${base}).?${field}.orValue(null) != null ? ${base}.${field} : {})`;
}

/** `body` with `s[0]` the selector and `l` the labels ({} when missing). */
function bindSelector(selector: string, labels: string, body: string): string {
  return bind(`[dyn(${selector}), dyn(${labels})]`, "s", bind("s[1] != null ? s[1] : {}", "l", body));
}

/**
 * Whether the requirement `r` holds for the labels `l` (see dsl/selectors.ts), with its key,
 * operator and values bound first as `q[0]`, `q[1]` and `q[2]`.
 */
function requirementHolds(): string {
  const listed = `q[0] in l && l[q[0]] in q[2]`;
  const body =
    `q[0] != "" && (` +
    `q[1] == "In" ? size(q[2]) > 0 && ${listed} : ` +
    `q[1] == "NotIn" ? size(q[2]) > 0 && !(${listed}) : ` +
    `q[1] == "Exists" ? size(q[2]) == 0 && q[0] in l : ` +
    `q[1] == "DoesNotExist" && size(q[2]) == 0 && !(q[0] in l))`;
  return bind(`[dyn(r.?key.orValue("")), dyn(r.?operator.orValue("")), dyn(${listOrEmpty("r", "values")})]`, "q", body);
}

/** `selectorMatches(selector, labels)`: true or false. */
export function selectorMatchesCel(selector: string, labels: string): string {
  const byLabel = `${mapOrEmpty("s[0]", "matchLabels")}.all(k, k in l && l[k] == s[0].matchLabels[k])`;
  const byExpression = `${listOrEmpty("s[0]", "matchExpressions")}.all(r, ${requirementHolds()})`;
  return bindSelector(selector, labels, `s[0] != null && ${byLabel} && ${byExpression}`);
}

/** `mapSelectorMatches(selector, labels)`: true or false. */
export function mapSelectorMatchesCel(selector: string, labels: string): string {
  return bindSelector(selector, labels, `s[0] != null && size(s[0]) > 0 && s[0].all(k, k in l && l[k] == s[0][k])`);
}
