// What data a control judges, when a scan's input may not hold it: the control-plane pods, a
// managed cluster's description, facts collected from nodes. A control declares it
// (`requires: [...]`); a scan whose input holds none of it reports the control as skipped with
// the reason, never as passed over nothing (which would read 100%). Requirements are read by the
// scan (runtime/requirements.ts), not compiled: a policy at admission judges the one object it
// is given.

/** An object of a scan's input, as a requirement sees it. */
export type InputObject = Readonly<Record<string, unknown>>;

export interface InputRequirement {
  /** What the control judges, as a user reads it: `kube-apiserver pods`. */
  readonly name: string;
  /** Why a scan skips the control when its input has none: `no kube-apiserver pod in the input`. */
  readonly missing: string;
  /** Whether an object of the input provides the data. */
  readonly providedBy: (object: InputObject) => boolean;
  /**
   * A broader requirement this one is part of (etcd pods are control-plane pods): when the input
   * lacks that one too, its reason is given, which says more (`no control-plane pods in the input`).
   */
  readonly within?: InputRequirement;
}

export function requirement(spec: InputRequirement): InputRequirement {
  return Object.freeze({ ...spec });
}

/** How a control's requirements stand on one input. */
export interface RequirementStatus {
  /** The input holds some of the data the control judges: evaluate it. */
  readonly met: boolean;
  /** The reason for each requirement the input does not meet, in the control's order. */
  readonly unmet: readonly string[];
}

/**
 * Whether `objects` hold what a control requires. A control with several requirements judges
 * any of them (its native rule on control-plane pods, its cloud rule on a cluster description):
 * it is evaluated when one is met, and the others are named as not evaluated. A control without
 * requirements is always met.
 */
export function requirementStatus(
  requirements: readonly InputRequirement[],
  objects: readonly InputObject[],
): RequirementStatus {
  const holds = (wanted: InputRequirement) => objects.some((object) => wanted.providedBy(object));
  const reason = (wanted: InputRequirement): string =>
    wanted.within !== undefined && !holds(wanted.within) ? reason(wanted.within) : wanted.missing;
  const unmet = requirements.filter((wanted) => !holds(wanted));
  return {
    met: requirements.length === 0 || unmet.length < requirements.length,
    unmet: [...new Set(unmet.map(reason))],
  };
}
