// What a check returns: each violation names the offending field(s) and, where the control knows
// it, the change that makes the object pass.

/** A suggested change: set `path` to `value` (values are written as Kubescape does, as strings). */
export interface Fix {
  readonly path: string;
  readonly value: string;
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

export function fix(path: string, value: string): Fix {
  return { path, value };
}
