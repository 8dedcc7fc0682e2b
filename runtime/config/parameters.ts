// The parameters the controls of a scan declare (`parameters: { … }` of control()), as settings:
// one name is one setting, whatever control declares it, beside the built-in control inputs.
import type { Control, Param, ParamValue } from "../../dsl/index.js";
import { re2Problem } from "../../dsl/regex.js";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { suggestion } from "./source-errors.js";

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

/** Built-in inputs whose values are regular expressions (checked against RE2 when read, not at scan time). */
const PATTERN_INPUTS: ReadonlySet<string> = new Set(["sensitiveValues", "sensitiveValuesAllowed"]);
const INPUT_NAMES: readonly string[] = Object.keys(DEFAULT_CONTROL_INPUTS);

/** What a setting's problem is about: its name, its value, or one item of its list value. */
export type ProblemSite = "name" | "value" | { readonly item: number };

export interface SettingProblem {
  readonly message: string;
  readonly at: ProblemSite;
}

/**
 * What is wrong with `value` as the setting `name`, if anything: a name that is neither a
 * built-in control input nor a declared parameter (with the likely one meant), a built-in input
 * that is not a list of strings, a pattern RE2 does not support, a parameter value of another
 * type. `otherNames` are further keys of the file the setting is written in, only suggested.
 */
export function settingProblem(
  name: string,
  value: unknown,
  parameters: ReadonlyMap<string, DeclaredParameter>,
  otherNames: readonly string[] = [],
): SettingProblem | undefined {
  const declared = parameters.get(name);
  if (!INPUT_NAMES.includes(name) && declared !== undefined) {
    const problem = paramValueProblem(name, declared, value);
    if (problem === undefined) return undefined;
    // In a list, the item that is not a string is where the problem is.
    const item = Array.isArray(value) ? value.findIndex((entry) => typeof entry !== "string") : -1;
    return { message: problem, at: item === -1 ? "value" : { item } };
  }
  if (!INPUT_NAMES.includes(name)) {
    const known = [...INPUT_NAMES, ...parameters.keys(), ...otherNames];
    return {
      message: `unknown control input${parameters.size === 0 ? "" : " or parameter"} "${name}"${suggestion(name, known)}`,
      at: "name",
    };
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    return { message: `control input "${name}" is a list of strings`, at: "value" };
  }
  if (PATTERN_INPUTS.has(name)) {
    for (const [item, pattern] of value.entries()) {
      const problem = re2Problem(pattern);
      if (problem !== undefined) {
        return {
          message: `pattern ${JSON.stringify(pattern)} uses ${problem}, which RE2 does not support`,
          at: { item },
        };
      }
    }
  }
  return undefined;
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
