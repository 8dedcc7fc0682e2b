// Parameters a control declares for itself, each with a type and a default:
//
//   parameters: { ownerLabel: param.string("owner"), maxReplicas: param.integer(10) },
//   check(workload, context) { … context.params.ownerLabel … }   // typed: a string
//
// They share one namespace with the built-in control inputs: a --controls-config key sets the
// parameter of that name in every control that declares it. Imported as a namespace
// (`import { param } from "rampart/dsl"`); the compiler reads the defaults, so they are written
// literally.

export type ParamType = "string" | "strings" | "integer" | "boolean";

export type ParamValue = string | readonly string[] | number | boolean;

export interface ParamOptions {
  /** What the parameter means (shown in the generated ControlInputs schema and manifest). */
  readonly description?: string;
}

export interface Param<T extends ParamValue = ParamValue> {
  readonly type: ParamType;
  readonly default: T;
  readonly description?: string;
}

/** A control's parameter declarations, by name. */
export type Params = Readonly<Record<string, Param>>;

/** What `context.params` holds for declarations `P`: each parameter's value, typed. */
export type ParamValues<P extends Params> = { readonly [K in keyof P]: P[K]["default"] };

function declare<T extends ParamValue>(type: ParamType, value: T, options: ParamOptions | undefined): Param<T> {
  return Object.freeze({
    type,
    default: value,
    ...(options?.description === undefined ? {} : { description: options.description }),
  });
}

/** A string parameter. */
export function string(defaultValue: string, options?: ParamOptions): Param<string> {
  return declare("string", defaultValue, options);
}

/** A list of strings (the form of Kubescape's control inputs). */
export function strings(defaultValue: readonly string[], options?: ParamOptions): Param<readonly string[]> {
  return declare("strings", Object.freeze([...defaultValue]), options);
}

/**
 * An integer parameter (a count, a port, a replica number). Fractions are refused: the admission
 * policies compare it with the object's integers as int64.
 */
export function integer(defaultValue: number, options?: ParamOptions): Param<number> {
  if (!Number.isSafeInteger(defaultValue)) throw new TypeError(`param.integer: ${defaultValue} is not an integer`);
  return declare("integer", defaultValue, options);
}

/** A boolean parameter. */
export function boolean(defaultValue: boolean, options?: ParamOptions): Param<boolean> {
  return declare("boolean", defaultValue, options);
}
