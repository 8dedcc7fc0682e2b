// A control's own parameters: the `parameters: { name: param.string("default"), … }` field of
// `control({…})`, read at compile time, and the rules that keep one namespace of settings: a
// name is one --controls-config key, so every declaration of it (and the built-in control input
// of that name, if any) must agree on type and default.
import { type Expression, Node, type ObjectLiteralExpression } from "ts-morph";
import type { Param, Params, ParamType, ParamValue } from "../../dsl/index.js";
import { type Diagnostic, makeDiagnostic } from "../diagnostics.js";
import type { SourcePosition } from "../ir/build.js";
import { paramTypeOf, resolvedSymbol } from "./dsl-symbols.js";
import { LiteralFields, literalStrings, numberLiteral } from "./literals.js";
import { fail, positionOf } from "./source.js";

/** Where a parameter is declared: its name in the `parameters` object. */
export interface ParameterSite {
  readonly at: SourcePosition;
  readonly length: number;
}

export interface DeclaredParameters {
  readonly parameters: Params;
  readonly sites: ReadonlyMap<string, ParameterSite>;
}

/** Names that every back end writes as they are (a CEL field selection, a Rego string). */
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const PARAM_CALLS = "param.string(…), param.strings(…), param.integer(…) or param.boolean(…)";

/** The `parameters` field of a control's spec (none when absent). */
export function readParameters(spec: ObjectLiteralExpression): DeclaredParameters {
  const property = spec.getProperty("parameters");
  if (property === undefined) return { parameters: {}, sites: new Map() };
  const initializer = Node.isPropertyAssignment(property) ? property.getInitializer() : undefined;
  const object = constObjectLiteral(initializer);
  if (!Node.isObjectLiteralExpression(object)) {
    return fail("RP1015", initializer ?? property, "parameters", `an object literal of name: ${PARAM_CALLS}`);
  }
  const parameters: Record<string, Param> = {};
  const sites = new Map<string, ParameterSite>();
  for (const entry of object.getProperties()) {
    if (!Node.isPropertyAssignment(entry)) {
      return fail("RP1015", entry, "parameters", `an object literal of name: ${PARAM_CALLS}`);
    }
    const nameNode = entry.getNameNode();
    const name = Node.isIdentifier(nameNode)
      ? nameNode.getText()
      : Node.isStringLiteral(nameNode)
        ? nameNode.getLiteralValue()
        : undefined;
    if (name === undefined || !PARAMETER_NAME.test(name)) {
      return fail(
        "RP1015",
        nameNode,
        "parameters",
        "keyed by names of letters, digits and _ (not starting with a digit)",
      );
    }
    parameters[name] = readParam(name, entry.getInitializerOrThrow());
    sites.set(name, { at: positionOf(nameNode), length: nameNode.getWidth() });
  }
  return { parameters, sites };
}

/**
 * An object literal, or the one a module-level const holds (`parameters: RBAC_PARAMETERS`, shared
 * by controls that declare the same parameters).
 */
function constObjectLiteral(node: Expression | undefined): Expression | undefined {
  if (node === undefined || !Node.isIdentifier(node)) return node;
  const declaration = resolvedSymbol(node)?.getDeclarations()[0];
  const constant =
    Node.isVariableDeclaration(declaration) && declaration.getVariableStatement()?.getDeclarationKind() === "const";
  const value = constant ? declaration.getInitializer() : undefined;
  return Node.isObjectLiteralExpression(value) ? value : node;
}

const EXPECTED: Record<ParamType, string> = {
  string: "a string literal",
  strings: "a literal list of strings",
  integer: "an integer literal",
  boolean: "true or false",
};

function readParam(name: string, call: Expression): Param {
  const field = `parameters.${name}`;
  const type = Node.isCallExpression(call)
    ? paramTypeOf(call.getProject().getTypeChecker().getResolvedSignature(call)?.getDeclaration())
    : undefined;
  if (!Node.isCallExpression(call) || type === undefined) return fail("RP1015", call, field, PARAM_CALLS);
  const [value, options, ...rest] = call.getArguments() as Expression[];
  if (value === undefined || rest.length > 0) return fail("RP1015", call, field, `${PARAM_CALLS} with a default`);
  const defaultValue = LITERALS[type](value);
  if (defaultValue === undefined) return fail("RP1015", value, `${field} (its default)`, EXPECTED[type]);
  if (options === undefined) return { type, default: defaultValue };
  if (!Node.isObjectLiteralExpression(options)) return fail("RP1015", options, `${field} (options)`, "{ description }");
  const fields = new LiteralFields(options);
  const unknown = options
    .getProperties()
    .find((option) => !(Node.isPropertyAssignment(option) && option.getName() === "description"));
  if (unknown !== undefined) return fail("RP1015", unknown, `${field} (options)`, "{ description }");
  return fields.has("description")
    ? { type, default: defaultValue, description: fields.text("description") }
    : { type, default: defaultValue };
}

/** The default written at the call, per type: a literal, or a const whose type is a literal. */
const LITERALS: Record<ParamType, (node: Expression) => ParamValue | undefined> = {
  string: (node) => {
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return node.getLiteralValue();
    const type = node.getType();
    return type.isStringLiteral() ? (type.getLiteralValue() as string) : undefined;
  },
  strings: literalStrings,
  integer: (node) => {
    const type = node.getType();
    const number = numberLiteral(node) ?? (type.isNumberLiteral() ? Number(type.getLiteralValue()) : undefined);
    return number !== undefined && Number.isSafeInteger(number) ? number : undefined;
  },
  boolean: (node) => {
    if (Node.isTrueLiteral(node) || Node.isFalseLiteral(node)) return node.getLiteralValue();
    const type = node.getType();
    return type.isBooleanLiteral() ? type.getText() === "true" : undefined;
  },
};

/** What the conflict check needs to know of a control. */
export interface ParameterOwner {
  readonly id: string;
  readonly parameters: Params;
  readonly sites: ReadonlyMap<string, ParameterSite>;
}

export interface ParameterCheck {
  /** Controls with a parameter that contradicts an earlier declaration of its name. */
  readonly rejected: ReadonlySet<string>;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Checks that each parameter name means one thing: a built-in control input's name may only be
 * declared as that input (a list of strings with the same default), and controls declaring the
 * same name agree on type and default. Controls are taken in ID order; the later one is blamed.
 */
export function checkParameters(
  controls: readonly ParameterOwner[],
  builtinInputs: Readonly<Record<string, readonly string[]>>,
): ParameterCheck {
  const first = new Map<string, { param: Param; by: string }>(
    Object.entries(builtinInputs).map(([name, value]) => [
      name,
      { param: { type: "strings", default: value }, by: "the built-in control input" },
    ]),
  );
  const rejected = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const control of [...controls].sort((a, b) => a.id.localeCompare(b.id))) {
    for (const [name, param] of Object.entries(control.parameters)) {
      const site = control.sites.get(name);
      const earlier = first.get(name);
      if (earlier === undefined) {
        first.set(name, { param, by: control.id });
        continue;
      }
      if (sameParam(param, earlier.param) || site === undefined) continue;
      rejected.add(control.id);
      diagnostics.push(
        Object.hasOwn(builtinInputs, name) && param.type !== "strings"
          ? makeDiagnostic("RP1023", [name, describeParam(param)], site.at, site.length)
          : makeDiagnostic(
              "RP1024",
              [name, describeParam(param), earlier.by, describeParam(earlier.param)],
              site.at,
              site.length,
            ),
      );
    }
  }
  return { rejected, diagnostics };
}

function sameParam(a: Param, b: Param): boolean {
  return a.type === b.type && JSON.stringify(a.default) === JSON.stringify(b.default);
}

/** `a string defaulting to "owner"`, `a list of strings defaulting to ["a", "b"]`, … */
function describeParam(param: Param): string {
  const value = Array.isArray(param.default)
    ? `[${param.default.map((item) => JSON.stringify(item)).join(", ")}]`
    : JSON.stringify(param.default);
  return `${TYPE_NAMES[param.type]} defaulting to ${value}`;
}

const TYPE_NAMES: Record<ParamType, string> = {
  string: "a string",
  strings: "a list of strings",
  integer: "an integer",
  boolean: "a boolean",
};
