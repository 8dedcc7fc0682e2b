// Reads one control module: the metadata of its `export default control({ … })` and its `check`
// translated to IR.
import { Node, type ObjectLiteralExpression, type SourceFile } from "ts-morph";
import type { ControlAction, ControlMetadata, Framework, InputName, KindName, SubjectKind } from "../../dsl/index.js";
import type { SourceMap, SourcePosition } from "../ir/build.js";
import type { ControlFunction, Expr } from "../ir/nodes.js";
import { dslFunctionOf } from "./dsl-symbols.js";
import { LiteralFields } from "./literals.js";
import { type ParameterSite, readParameters } from "./parameters.js";
import { fail, positionOf } from "./source.js";
import type { FunctionLike } from "./translate.js";
import { Translator } from "./translate.js";

export interface ControlIr {
  readonly metadata: ControlMetadata;
  /** Where each of the control's parameters is declared. */
  readonly parameterSites: ReadonlyMap<string, ParameterSite>;
  /** The control's source file (absolute). */
  readonly file: string;
  /** Where the control is declared (its `control({…})` call). */
  readonly at: SourcePosition;
  /** The IR variable bound to the object under review. */
  readonly objectVariable: string;
  /** The list of violations for that object. */
  readonly body: Expr;
  /** The helpers `body` calls, in the order they were first called. */
  readonly functions: readonly ControlFunction[];
  readonly sourceMap: SourceMap;
}

export function translateControlModule(sourceFile: SourceFile): ControlIr {
  const spec = defaultExportSpec(sourceFile);
  const { parameters, sites } = readParameters(spec);
  const metadata = { ...readMetadata(spec), parameters };
  const translator = new Translator(sourceFile.getProject().getTypeChecker(), parameters);
  const check = checkFunction(spec);
  const [objectParameter, contextParameter] = check.getParameters();
  if (objectParameter === undefined || !Node.isIdentifier(objectParameter.getNameNode())) {
    return fail("RP1019", check, "check", "(object) or (object, context) as parameters");
  }
  const objectVariable = translator.fresh(objectParameter.getName());
  translator.bindParameter(objectParameter, objectVariable);
  const bindings: Array<[Node, { kind: "context" }]> = [];
  if (contextParameter !== undefined) {
    const nameNode = contextParameter.getNameNode();
    if (!Node.isIdentifier(nameNode))
      return fail("RP1019", contextParameter, "check", "a plain name for its context parameter");
    bindings.push([nameNode, { kind: "context" }]);
  }
  const body = translator.withBindings(bindings, () => translator.functionBody(check, "value"));
  return {
    metadata,
    parameterSites: sites,
    file: sourceFile.getFilePath(),
    at: positionOf(spec),
    objectVariable,
    body,
    functions: [...translator.functions.values()].map(({ name, params, body }) => ({ name, params, body })),
    sourceMap: translator.ir.sourceMap,
  };
}

/** The DSL function (control, framework) a module's default export calls, if any. */
export function defaultExportKind(sourceFile: SourceFile): "control" | "framework" | undefined {
  const call = sourceFile.getExportAssignment((node) => !node.isExportEquals())?.getExpression();
  if (call === undefined || !Node.isCallExpression(call)) return undefined;
  const kind = dslFunctionOf(sourceFile.getProject().getTypeChecker().getResolvedSignature(call)?.getDeclaration());
  return kind === "control" || kind === "framework" ? kind : undefined;
}

/** The object literal passed to `control()` or `framework()` in the default export. */
function defaultExportSpec(sourceFile: SourceFile): ObjectLiteralExpression {
  const assignment = sourceFile.getExportAssignment((node) => !node.isExportEquals());
  const call = assignment?.getExpression();
  if (call === undefined || !Node.isCallExpression(call)) return fail("RP1016", assignment ?? sourceFile);
  const [spec] = call.getArguments();
  if (defaultExportKind(sourceFile) === undefined || spec === undefined || !Node.isObjectLiteralExpression(spec)) {
    return fail("RP1016", call);
  }
  return spec;
}

/** A framework read from a module, with where it is declared. */
export interface FrameworkModule extends Framework {
  readonly at: SourcePosition;
}

/** A framework module: `export default framework({ name, title, description, controlIds })`. */
export function readFrameworkModule(sourceFile: SourceFile): FrameworkModule {
  const spec = defaultExportSpec(sourceFile);
  const fields = new LiteralFields(spec);
  return {
    at: positionOf(spec),
    name: fields.text("name"),
    title: fields.text("title"),
    description: fields.text("description"),
    controlIds: fields.strings("controlIds"),
  };
}

function checkFunction(spec: ObjectLiteralExpression): FunctionLike {
  const property = spec.getProperty("check");
  if (Node.isMethodDeclaration(property)) return property;
  if (Node.isPropertyAssignment(property)) {
    const initializer = property.getInitializer();
    if (Node.isArrowFunction(initializer) || Node.isFunctionExpression(initializer)) return initializer;
  }
  return fail("RP1015", property ?? spec, "check", "a method or an arrow function");
}

function readMetadata(spec: ObjectLiteralExpression): Omit<ControlMetadata, "parameters"> {
  const fields = new LiteralFields(spec);
  return {
    id: fields.text("id"),
    name: fields.text("name"),
    baseScore: fields.number("baseScore"),
    category: fields.text("category"),
    description: fields.text("description"),
    remediation: fields.text("remediation"),
    kinds: fields.strings("kinds") as KindName[],
    inputs: (fields.has("inputs") ? fields.strings("inputs") : []) as InputName[],
    ...(fields.has("subjects") ? { subjects: fields.strings("subjects") as SubjectKind[] } : {}),
    ...(fields.has("action") ? { action: fields.text("action") as ControlAction } : {}),
  };
}
