// A generated admission policy against the TypeScript control it was compiled from, on one
// object: the policy must deny exactly when the control reports violations, its `violations`
// variable must hold the control's violations (in any order), and its deny message must list
// them in that variable's order (runtime/admission/message.ts).
import type { CheckContext, Control, InputName, KindMap, KindName, Params, Violation } from "../../dsl/index.js";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { denyMessage } from "../../runtime/admission/message.js";
import type { AdmissionPolicy } from "../../runtime/admission/policy.js";
import { verdictOf } from "../../runtime/testing/verdicts.js";

/**
 * Admission sees one object: the default control inputs, the control's parameters at their
 * defaults (what control-inputs.yaml holds) and a scan holding no other object.
 */
function contextOf(control: Control): CheckContext<InputName, Params> {
  return {
    inputs: DEFAULT_CONTROL_INPUTS,
    params: Object.fromEntries(Object.entries(control.parameters).map(([name, param]) => [name, param.default])),
    objects: () => [],
    objectsIn: () => [],
    object: () => undefined,
  };
}

/** How the policy and the control disagree on `object`; empty when they agree. */
export function differences(policy: AdmissionPolicy, control: Control, object: Record<string, unknown>): string[] {
  const expected = control.check(object as KindMap[KindName], contextOf(control));
  const result = policy.evaluate(object);
  if (!result.matched) return ["the policy does not match the object"];
  if (result.decision === "error") return [`the policy fails: ${result.error}`];
  const actual = (result.variables.violations ?? []) as Violation[];
  const problems: string[] = [];
  // A failure is refused, or warned about for a control whose own action is warn.
  const refusal = control.action === "warn" ? "warn" : "deny";
  if ((result.decision === refusal) !== expected.length > 0) {
    problems.push(`decision ${result.decision}, the TypeScript check reports ${expected.length} violation(s)`);
  }
  // Each violation as canonical JSON, sorted (as every engine comparison reads them).
  const want = verdictOf(expected).violations;
  const got = verdictOf(actual).violations;
  if (JSON.stringify(want) !== JSON.stringify(got)) {
    problems.push(`violations differ\n    TypeScript: ${listed(want)}\n    CEL:        ${listed(got)}`);
  }
  if (result.decision === refusal) {
    const message = denyMessage(control, object, actual);
    if (result.message !== message)
      problems.push(`message differs\n    expected: ${message}\n    actual:   ${result.message}`);
  }
  return problems;
}

function listed(violations: readonly string[]): string {
  return violations.length === 0 ? "(none)" : violations.join("\n                ");
}

/** A case where the generated CEL is known to disagree with the TypeScript control. */
export interface KnownGap {
  /** `<control ID> <file>#<document>` or `<control ID> probe:<name>`. */
  readonly case: string;
  /** What the generated CEL does differently, and why. */
  readonly reason: string;
}

/**
 * The cases that disagree must be exactly the known gaps: a new disagreement is a bug to fix,
 * and a known gap that now agrees must leave the list (the list prunes itself).
 */
export function unexplained(
  found: ReadonlyMap<string, readonly string[]>,
  gaps: readonly KnownGap[],
): {
  readonly disagreements: string[];
  readonly fixedGaps: string[];
} {
  const known = new Set(gaps.map((gap) => gap.case));
  return {
    disagreements: [...found]
      .filter(([key]) => !known.has(key))
      .map(([key, problems]) => `${key}\n  ${problems.join("\n  ")}`),
    fixedGaps: gaps
      .filter((gap) => !found.has(gap.case))
      .map((gap) => `${gap.case} now agrees: remove it from the known gaps`),
  };
}
