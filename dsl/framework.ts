// A framework is a named list of control IDs. Controls it lists that are not implemented are
// still reported (as skipped), never dropped.

export interface Framework {
  /** The name users type: `rampart scan framework nsa`. */
  readonly name: string;
  /** The name shown in reports (Kubescape's spelling, e.g. `NSA`). */
  readonly title: string;
  readonly description: string;
  readonly controlIds: readonly string[];
}

export function framework(spec: Framework): Framework {
  return Object.freeze({ ...spec, controlIds: Object.freeze([...spec.controlIds]) });
}
