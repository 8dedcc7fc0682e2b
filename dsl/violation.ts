// What a check returns: each violation names the offending field(s) and, where the control knows
// it, the change that makes the object pass.

/**
 * A suggested change: set `path` to `value` (values are written as Kubescape does, as strings),
 * set it to a value the user chooses (`choice` names it; `value` is the documented default), or
 * delete it.
 */
export type Fix = SetFix | ChoiceFix | RemoveFix;

export interface SetFix {
  readonly path: string;
  readonly value: string;
}

export interface ChoiceFix {
  readonly path: string;
  /** The documented default, used by `rampart fix --defaults`; "" when there is none. */
  readonly value: string;
  /** What the user chooses (`limits.cpu`, `runAsUser`): a controls config sets it under `fixValues`. */
  readonly choice: string;
}

export interface RemoveFix {
  readonly path: string;
  readonly remove: true;
}

export function isRemoveFix(fix: Fix): fix is RemoveFix {
  return "remove" in fix;
}

export function isChoiceFix(fix: Fix): fix is ChoiceFix {
  return "choice" in fix;
}

export interface Violation {
  readonly message: string;
  /** Dotted paths of the offending fields, e.g. `spec.containers[0].securityContext.privileged`. */
  readonly paths: readonly string[];
  readonly fixes: readonly Fix[];
}

export interface ViolationDetails {
  readonly paths?: readonly string[];
  readonly fixes?: readonly Fix[];
}

export function violation(message: string, details?: ViolationDetails): Violation {
  return { message, paths: details?.paths ?? [], fixes: details?.fixes ?? [] };
}

/** Set `path` to `value`. */
export function fix(path: string, value: string): Fix {
  return { path, value };
}

/**
 * Set `path` to a value only the user knows (`choice` names it); `defaultValue` is the documented
 * default, or "" when there is none (a probe: the user writes it).
 */
export function fixChoice(path: string, choice: string, defaultValue: string): Fix {
  return { path, value: defaultValue, choice };
}

/** Delete `path` (a field, or an entry of a list). */
export function fixRemove(path: string): Fix {
  return { path, remove: true };
}
