// Reads one control module: the metadata of its `export default control({ … })` and its `check`
// translated to IR.
import { type Expression, Node, type ObjectLiteralExpression, type SourceFile, type Type } from "ts-morph";
import type { ControlMetadata, InputName, KindName } from "../../dsl/index.js";
import type { SourceMap } from "../ir/build.js";
import type { ControlFunction, Expr } from "../ir/nodes.js";
import { dslFunctionOf } from "./dsl-symbols.js";
import { fail } from "./source.js";
import type { FunctionLike } from "./translate.js";
import { Translator } from "./translate.js";

export interface ControlIr {
  readonly metadata: ControlMetadata;
  /** The control's source file (absolute). */
  readonly file: string;
  /** The IR variable bound to the object under review. */
  readonly objectVariable: string;
  /** The list of violations for that object. */
  readonly body: Expr;
  /** The helpers `body` calls, in the order they were first called. */
  readonly functions: readonly ControlFunction[];
  readonly sourceMap: SourceMap;
}

export function translateControlModule(sourceFile: SourceFile): ControlIr {
  const spec = controlSpec(sourceFile);
  const translator = new Translator(sourceFile.getProject().getTypeChecker());
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
    metadata: readMetadata(spec),
    file: sourceFile.getFilePath(),
    objectVariable,
    body,
    functions: [...translator.functions.values()].map(({ name, params, body }) => ({ name, params, body })),
    sourceMap: translator.ir.sourceMap,
  };
}

/** The object literal passed to `control()` in the default export. */
function controlSpec(sourceFile: SourceFile): ObjectLiteralExpression {
  const assignment = sourceFile.getExportAssignment((node) => !node.isExportEquals());
  const call = assignment?.getExpression();
  if (call === undefined || !Node.isCallExpression(call)) return fail("RP1016", assignment ?? sourceFile);
  const declaration = sourceFile.getProject().getTypeChecker().getResolvedSignature(call)?.getDeclaration();
  const [spec] = call.getArguments();
  if (dslFunctionOf(declaration) !== "control" || spec === undefined || !Node.isObjectLiteralExpression(spec)) {
    return fail("RP1016", call);
  }
  return spec;
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

function readMetadata(spec: ObjectLiteralExpression): ControlMetadata {
  const initializer = (name: string): Expression => {
    const property = spec.getProperty(name);
    if (property === undefined) return fail("RP1015", spec, name, "present");
    if (!Node.isPropertyAssignment(property)) return fail("RP1015", property, name, "a literal value");
    return property.getInitializerOrThrow();
  };
  const text = (name: string): string => {
    const value = initializer(name);
    if (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value)) return value.getLiteralValue();
    return fail("RP1015", value, name, "a string literal");
  };
  const score = initializer("baseScore");
  if (!Node.isNumericLiteral(score)) return fail("RP1015", score, "baseScore", "a number literal");
  const inputs = spec.getProperty("inputs") === undefined ? [] : literalStrings(initializer("inputs"), "inputs");
  return {
    id: text("id"),
    name: text("name"),
    baseScore: score.getLiteralValue(),
    category: text("category"),
    description: text("description"),
    remediation: text("remediation"),
    kinds: literalStrings(initializer("kinds"), "kinds") as KindName[],
    inputs: inputs as InputName[],
  };
}

/** The string literals an array-valued property holds, read from its type. */
function literalStrings(node: Expression, name: string): string[] {
  const type = node.getType();
  const elementType = type.getArrayElementType() ?? type.getNumberIndexType();
  const elements: Type[] = type.isTuple() ? type.getTupleElements() : elementType !== undefined ? [elementType] : [];
  const values = elements.flatMap((element) => (element.isUnion() ? element.getUnionTypes() : [element]));
  if (values.length === 0 || !values.every((value) => value.isStringLiteral())) {
    return fail("RP1015", node, name, "a literal list of strings (or a const list such as WORKLOAD_KINDS)");
  }
  return values.map((value) => value.getLiteralValue() as string);
}
