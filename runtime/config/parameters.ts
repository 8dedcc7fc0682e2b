// The parameters the controls of a scan declare (`parameters: { … }` of control()), as settings:
// one name is one setting, whatever control declares it, beside the built-in control inputs.
import type { Control, Param, ParamValue } from "../../dsl/index.js";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";

export interface DeclaredParameter {
  readonly param: Param;
  /** The controls that declare it (the compiler makes sure they agree). */
  readonly controls: readonly string[];
}

/** Name → declaration, over the given controls (the first declaration of a name describes it). */
export function declaredParameters(controls: Iterable<Control>): ReadonlyMap<string, DeclaredParameter> {
  const declared = new Map<string, DeclaredParameter>();
  for (const control of controls) {
    for (const [name, param] of Object.entries(control.parameters ?? {})) {
      const known = declared.get(name);
      declared.set(name, { param: known?.param ?? param, controls: [...(known?.controls ?? []), control.id] });
    }
  }
  return declared;
}

/** The built-in control inputs' defaults with the declared parameters' defaults. */
export function defaultInputs(parameters: ReadonlyMap<string, DeclaredParameter>): Record<string, ParamValue> {
  const defaults: Record<string, ParamValue> = {};
  for (const [name, { param }] of parameters) defaults[name] = param.default;
  return { ...defaults, ...DEFAULT_CONTROL_INPUTS };
}

const TYPE_NAMES: Record<Param["type"], string> = {
  string: "a string",
  strings: "a list of strings",
  integer: "an integer",
  boolean: "true or false",
};

/** "is an integer (declared by ORG-0002), not "ten"" when `value` does not fit, else undefined. */
export function paramValueProblem(name: string, declared: DeclaredParameter, value: unknown): string | undefined {
  if (fits(declared.param.type, value)) return undefined;
  return `parameter "${name}" (declared by ${declared.controls.join(", ")}) is ${TYPE_NAMES[declared.param.type]}, not ${shown(value)}`;
}

function fits(type: Param["type"], value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "strings":
      return Array.isArray(value) && value.every((item) => typeof item === "string");
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value);
    case "boolean":
      return typeof value === "boolean";
  }
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : `a list (${JSON.stringify(value)})`;
  if (typeof value === "object") return "a mapping";
  return JSON.stringify(value);
}
