// The control inputs and parameters a control reads, and their OpenAPI schemas: the admission
// policies' params CRD and the Gatekeeper templates' parameters declare the same fields.
import type { Param } from "../../dsl/index.js";
import type { ControlIr } from "../frontend/control-module.js";

/** A built-in input (a list of strings) or a declared parameter. */
export type ParamField = Pick<Param, "type" | "description">;

/** The inputs and parameters `control` reads, by name. */
export function paramFields(control: ControlIr): Record<string, ParamField> {
  const fields: Record<string, ParamField> = {};
  for (const name of control.metadata.inputs) fields[name] = { type: "strings" };
  for (const [name, param] of Object.entries(control.metadata.parameters)) {
    fields[name] =
      param.description === undefined ? { type: param.type } : { type: param.type, description: param.description };
  }
  return fields;
}

/** The OpenAPI schema of a field (a new object each time: shared objects become YAML aliases). */
function paramSchema(field: ParamField): Record<string, unknown> {
  const described = field.description === undefined ? {} : { description: field.description };
  switch (field.type) {
    case "string":
      return { ...described, type: "string" };
    case "strings":
      return { ...described, type: "array", items: { type: "string" } };
    case "integer":
      return { ...described, type: "integer" };
    case "boolean":
      return { ...described, type: "boolean" };
  }
}

/** `fields` as OpenAPI properties, sorted by name. */
export function paramProperties(fields: Readonly<Record<string, ParamField>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(fields)
      .sort()
      .map((name) => [name, paramSchema(fields[name] as ParamField)]),
  );
}
