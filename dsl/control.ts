// A control: catalogue facts plus a `check` written as ordinary typed TypeScript. The same
// `check` runs in Node (the reference semantics) and is compiled to Rego and CEL.
import type { ControlInputs, InputName } from "./inputs.js";
import type { KindMap, KindName } from "./kinds.js";
import type { Params, ParamValues } from "./param.js";
import type { SubjectKind } from "./rbac.js";
import type { InputRequirement } from "./requirements.js";
import type { Violation } from "./violation.js";

/**
 * What a check may read besides the object under review. Reading other objects of the scan
 * makes a control cross-resource: it runs in scans, never at admission. An object without
 * `metadata.namespace` counts as being in namespace "default" (see namespaceOf).
 */
export interface CheckContext<I extends InputName = never, P extends Params = NoParams> {
  /** Control inputs (tunable lists such as insecure capabilities). */
  readonly inputs: ControlInputs<I>;
  /** The control's own parameters (declared in `parameters`), typed. */
  readonly params: ParamValues<P>;
  /** Every object of `kind` in the scan. */
  objects<K extends KindName>(kind: K): readonly KindMap[K][];
  /** The objects of `kind` in one namespace (an indexed lookup: prefer it to filtering objects()). */
  objectsIn<K extends KindName>(kind: K, namespace: string): readonly KindMap[K][];
  /** The object of `kind` with that namespace and name, if the scan has it. */
  object<K extends KindName>(kind: K, namespace: string, name: string): KindMap[K] | undefined;
}

export interface ControlMetadata {
  /** Catalogue ID, e.g. `C-0016`. */
  readonly id: string;
  readonly name: string;
  /** 1-10; decides the severity bucket and the weight in the risk score. */
  readonly baseScore: number;
  readonly category: string;
  readonly description: string;
  readonly remediation: string;
  /** The kinds the control evaluates; objects of other kinds are not counted for it. */
  readonly kinds: readonly KindName[];
  /** The control inputs `check` reads. */
  readonly inputs: readonly InputName[];
  /**
   * The check judges objects even when every input it reads is an empty list (the inputs only
   * widen what it looks for). Without this, such a control is skipped as needing configuration.
   */
  readonly inputsOptional?: boolean;
  /** The control's own parameters: type and default of each (`param.string(…)`, …). */
  readonly parameters: Params;
  /**
   * RBAC controls: the subjects (of these kinds) that the control's RoleBindings and
   * ClusterRoleBindings bind to a role the scan holds are its resources, not the bindings, as
   * Kubescape counts RBAC controls. Each violation belongs to the subject its path `subjects[i]`
   * names (one naming no subject, to every subject of the binding); see runtime/subjects.ts.
   */
  readonly subjects?: readonly SubjectKind[];
  /**
   * What a failure leads to unless the controls config says otherwise (default `enforce`).
   * `warn` suits controls that list objects for a person to review rather than judge them
   * (every webhook configuration, every CronJob): admission warns instead of refusing, and a
   * scan's severity threshold does not fail on them; they still count in the scores.
   */
  readonly action?: ControlAction;
}

/** `enforce`: admission refuses and thresholds fail; `warn`: admission warns, thresholds ignore it. */
export type ControlAction = "enforce" | "warn";

/** A control without parameters of its own. */
export type NoParams = Readonly<Record<never, never>>;

export interface ControlSpec<K extends KindName, I extends InputName, P extends Params>
  extends Omit<ControlMetadata, "kinds" | "inputs" | "parameters"> {
  readonly kinds: readonly K[];
  readonly inputs?: readonly I[];
  readonly parameters?: P;
  /**
   * The data the control judges, when a scan's input may lack it (control-plane pods, a cluster
   * description): a scan whose input holds none of it skips the control with the reason.
   */
  readonly requires?: readonly InputRequirement[];
  check(object: KindMap[K], context: CheckContext<I, P>): readonly Violation[];
}

export interface Control extends ControlMetadata {
  /** What the control judges that an input may lack ([] for controls any input can be judged on). */
  readonly requires: readonly InputRequirement[];
  check(object: KindMap[KindName], context: CheckContext<InputName, Params>): readonly Violation[];
}

export function control<const K extends KindName, const I extends InputName = never, const P extends Params = NoParams>(
  spec: ControlSpec<K, I, P>,
): Control {
  return Object.freeze({
    ...spec,
    inputs: spec.inputs ?? [],
    parameters: spec.parameters ?? {},
    requires: spec.requires ?? [],
    check: spec.check as Control["check"],
  });
}
