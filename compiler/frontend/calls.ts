// Calls inside a check: DSL helpers, `context.objects(kind)`, array/string/regex methods of the
// standard library, `Object.entries`, and the author's own helpers (inlined).
import { type CallExpression, type Expression, Node, type PropertyAccessExpression } from "ts-morph";
import { isKindName, isQuantity } from "../../dsl/index.js";
import { NO_NAME } from "../../dsl/rbac.js";
import type { Expr, IterateOp } from "../ir/nodes.js";
import {
  contextMemberOf,
  type DslFunction,
  dslFunctionOf,
  dslSourceOf,
  isStandardLibrary,
  paramTypeOf,
  resolvedSymbol,
} from "./dsl-symbols.js";
import { numberLiteral } from "./literals.js";
import { checkRe2, literalAsRe2 } from "./regex.js";
import { fail, positionOf } from "./source.js";
import type { FunctionLike, ObjectProperty, Translator } from "./translate.js";
import { facets, only } from "./types.js";

const ARRAY_ITERATIONS: ReadonlySet<string> = new Set<IterateOp>(["some", "every", "filter", "map", "flatMap"]);
const STRING_TESTS = new Set(["startsWith", "endsWith", "includes"]);

export function translateCall(t: Translator, node: CallExpression): Expr {
  const callee = node.getExpression();
  const declaration = t.checker.getResolvedSignature(node)?.getDeclaration();
  const dsl = dslFunctionOf(declaration);
  if (dsl !== undefined) return dslCall(t, dsl, node);
  if (Node.isPropertyAccessExpression(callee)) {
    const member = resolvedSymbol(callee.getNameNode());
    const contextMember = contextMemberOf(member);
    if (contextMember === "objects" || contextMember === "objectsIn" || contextMember === "object")
      return lookup(t, node, contextMember);
    if (isStandardLibrary(member)) return standardMethod(t, node, callee);
  }
  // A parameter declaration belongs in the control's `parameters`, not in a check.
  if (paramTypeOf(declaration) !== undefined) return fail("RP1006", callee, callee.getText());
  const helper = helperDeclaration(declaration);
  if (helper !== undefined) return helperCall(t, node, helper);
  return fail("RP1006", callee, callee.getText());
}

function dslCall(t: Translator, name: DslFunction, node: CallExpression): Expr {
  const args = node.getArguments() as Expression[];
  const at = positionOf(node);
  const arg = (index: number) => t.expression(args[index] as Expression);
  switch (name) {
    case "containers":
    case "containerPorts": {
      const options = readBooleanOptions(args[1], ["init", "ephemeral"]);
      return t.ir.helper(
        name,
        [arg(0), t.ir.literal(options.init === true), t.ir.literal(options.ephemeral === true)],
        at,
      );
    }
    case "ruleAllows":
    case "rulesAllowing":
      return t.ir.helper(name, [arg(0), rbacRequest(t, name, args[1] ?? node)], at);
    case "commandFlags":
      return t.ir.helper(name, [arg(0), flagNames(t, name, args[1] ?? node, "array")], at);
    case "commandFlag":
      // One flag is the first of the flags of a one-name list.
      return t.ir.get(
        t.ir.helper("commandFlags", [arg(0), flagNames(t, name, args[1] ?? node, "string")], at),
        t.ir.literal(0, at),
        at,
      );
    case "podSpec":
    case "podSpecPath":
    case "podMetadata":
    case "namespaceOf":
    case "lowerAscii":
      return t.ir.helper(name, [arg(0)], at);
    case "selectorMatches":
    case "mapSelectorMatches":
      return t.ir.helper(name, [arg(0), arg(1)], at);
    case "parseImage":
      return t.ir.helper(name, [arg(0)], at);
    case "isQuantity":
      return t.ir.helper(name, [quantityArgument(t, args[0], false)], at);
    case "compareQuantities":
      return t.ir.helper(name, [quantityArgument(t, args[0], true), quantityArgument(t, args[1], true)], at);
    case "regexMatches": {
      const pattern = args[0] as Expression;
      if (Node.isStringLiteral(pattern)) checkRe2(pattern.getLiteralValue(), pattern);
      return t.ir.regexTest(arg(0), arg(1), at);
    }
    case "violation": {
      const details = readRecordArgument(args[1], ["paths", "fixes"]);
      const listOr = (key: string) => {
        const property = details[key];
        return property !== undefined ? t.propertyValue(property) : t.ir.array([], at);
      };
      return t.ir.record(
        [
          { key: "message", value: arg(0) },
          { key: "paths", value: listOr("paths") },
          { key: "fixes", value: listOr("fixes") },
        ],
        at,
      );
    }
    case "fix":
      return t.ir.record(
        [
          { key: "path", value: arg(0) },
          { key: "value", value: arg(1) },
        ],
        at,
      );
    case "fixChoice":
      return t.ir.record(
        [
          { key: "path", value: arg(0) },
          { key: "value", value: arg(2) },
          { key: "choice", value: arg(1) },
        ],
        at,
      );
    case "fixRemove":
      return t.ir.record(
        [
          { key: "path", value: arg(0) },
          { key: "remove", value: t.ir.literal(true, at) },
        ],
        at,
      );
    case "control":
    case "framework":
      return fail("RP1006", node, name);
  }
}

const RESOURCE_REQUEST = ["verbs", "apiGroups", "resources", "resourceNames"];
const NON_RESOURCE_REQUEST = ["verbs", "nonResourceURLs"];

/**
 * The request of ruleAllows or rulesAllowing, an object literal (or a module-level const holding
 * one), as the record every back end reads: verbs, apiGroups, resources, resourceNames and
 * nonResourceURLs, null where the kind of request has no such list, and resourceNames `[""]`
 * (no name) when a request for resources leaves them out.
 */
function rbacRequest(t: Translator, name: DslFunction, node: Expression): Expr {
  const value = t.expression(node);
  if (value.kind !== "record") {
    return fail("RP1012", node, name, "a request written as an object literal (or a module-level const holding one)");
  }
  const fields = new Map(
    value.fields.filter((field) => !isMissing(field.value)).map((field) => [field.key, field.value] as const),
  );
  const forUrls = fields.has("nonResourceURLs");
  const keys = forUrls ? NON_RESOURCE_REQUEST : RESOURCE_REQUEST;
  const required = forUrls ? NON_RESOURCE_REQUEST : RESOURCE_REQUEST.slice(0, 3);
  if (![...fields.keys()].every((key) => keys.includes(key)) || !required.every((key) => fields.has(key))) {
    fail(
      "RP1019",
      node,
      `the request of ${name}`,
      "verbs, apiGroups, resources and optionally resourceNames, or verbs and nonResourceURLs",
    );
  }
  const at = positionOf(node);
  const noName = t.ir.array([{ spread: false, value: t.ir.literal(NO_NAME, at) }], at);
  const field = (key: string, fallback: Expr | null = null) => ({
    key,
    value: fields.get(key) ?? fallback ?? t.ir.literal(null, at),
  });
  return t.ir.record(
    [
      field("verbs"),
      field("apiGroups"),
      field("resources"),
      field("resourceNames", forUrls ? null : noName),
      field("nonResourceURLs"),
    ],
    at,
  );
}

/** A flag name as the components spell theirs: `--` and words of letters and digits joined by `-`. */
const FLAG_NAME = /^--[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/;

/**
 * The flag names of commandFlags (an array of string literals) or commandFlag (one string
 * literal), or a module-level const holding them, as an array of literals: every back end reads
 * the names at compile time.
 */
function flagNames(t: Translator, name: DslFunction, node: Expression, form: "array" | "string"): Expr {
  const value = t.expression(node);
  const names = form === "string" ? [value] : value.kind === "array" ? value.items.map((item) => item.value) : [];
  const literal = (entry: Expr) => entry.kind === "literal" && typeof entry.value === "string";
  const wanted =
    form === "string"
      ? "a flag name written as a string literal (or a module-level const holding one)"
      : "flag names written as an array of string literals (or a module-level const holding one)";
  if (names.length === 0 || !names.every(literal) || (value.kind === "array" && value.items.some((i) => i.spread))) {
    return fail("RP1012", node, name, wanted);
  }
  for (const entry of names) {
    const text = (entry as Expr & { kind: "literal" }).value as string;
    if (!FLAG_NAME.test(text))
      fail("RP1019", node, name, `flag names written --name (letters, digits and -), not "${text}"`);
  }
  const at = positionOf(node);
  return t.ir.array(
    names.map((entry) => ({ spread: false, value: entry })),
    at,
  );
}

function isMissing(value: Expr): boolean {
  return value.kind === "literal" && value.value === null;
}

/**
 * A quantity argument. Numbers written literally become their text (the value the helper
 * reads), so that every back end sees a string; a literal that is not a quantity is an error
 * where it must be one (compared), since the comparison could only ever be undefined.
 */
function quantityArgument(t: Translator, node: Expression | undefined, compared: boolean): Expr {
  if (node === undefined) return t.ir.literal(null);
  // The number's text, as String() prints it.
  const number = numberLiteral(node);
  const value = number !== undefined ? t.ir.literal(String(number), positionOf(node)) : t.expression(node);
  if (compared && value.kind === "literal" && value.value !== null && !isQuantity(value.value as string)) {
    fail("RP1025", node, String(value.value));
  }
  return value;
}

/** `context.objects(kind)`, `context.objectsIn(kind, namespace)`, `context.object(kind, namespace, name)`. */
function lookup(t: Translator, node: CallExpression, member: "objects" | "objectsIn" | "object"): Expr {
  const [kind, namespace, name] = node.getArguments() as Expression[];
  if (kind === undefined || !Node.isStringLiteral(kind) || !isKindName(kind.getLiteralValue())) {
    return fail("RP1012", node, `context.${member}`, "a kind name written as a string literal");
  }
  const value = (arg: Expression | undefined) => (arg === undefined ? null : t.expression(arg));
  return t.ir.lookup(
    kind.getLiteralValue() as never,
    member === "objects" ? null : value(namespace),
    member === "object" ? value(name) : null,
    positionOf(node),
  );
}

function standardMethod(t: Translator, node: CallExpression, callee: PropertyAccessExpression): Expr {
  const receiver = callee.getExpression();
  const method = callee.getName();
  const args = node.getArguments() as Expression[];
  const at = positionOf(node);
  if (Node.isIdentifier(receiver) && receiver.getText() === "Object" && method === "entries") {
    const [object] = args;
    if (object === undefined) return fail("RP1012", node, "Object.entries", "an argument");
    return t.ir.entries(t.expression(object), at);
  }
  if (Node.isRegularExpressionLiteral(receiver) && method === "test") {
    const literal = receiver.getLiteralValue();
    if (literal.flags !== "" && literal.flags !== "i") fail("RP1019", receiver, "a regular expression", "the flag i");
    const pattern = literalAsRe2(literal.source, literal.flags, receiver);
    return t.ir.regexTest(t.ir.literal(pattern), t.expression(args[0] as Expression), at);
  }
  const receiverFacets = facets(receiver.getType());
  if (only(receiverFacets, "array", "missing")) {
    if (ARRAY_ITERATIONS.has(method)) {
      return t.whenPresent(receiver, (source) => iterate(t, method as IterateOp, source, args[0], node));
    }
    if (method === "includes") {
      return t.whenPresent(receiver, (array) => t.ir.includes(array, t.expression(args[0] as Expression), at));
    }
    if (method === "join") {
      // Only lists of strings: TypeScript prints other elements in ways Rego and CEL do not.
      const element = receiver.getType().getNonNullableType().getArrayElementType();
      if (element === undefined || !only(facets(element), "string")) {
        return fail("RP1019", callee.getNameNode(), "join()", "a list of strings");
      }
      const [separator] = args;
      return t.whenPresent(receiver, (array) =>
        t.ir.join(array, separator === undefined ? t.ir.literal(",", at) : t.expression(separator), at),
      );
    }
  }
  if (only(receiverFacets, "string", "missing")) {
    if (STRING_TESTS.has(method)) {
      return t.whenPresent(receiver, (subject) =>
        t.ir.stringTest(method as never, subject, t.expression(args[0] as Expression), at),
      );
    }
    if (method === "toLowerCase") return t.whenPresent(receiver, (subject) => t.ir.lowercase(subject, at));
  }
  return fail("RP1006", callee.getNameNode(), `${receiver.getType().getText(receiver)}.${method}()`);
}

function iterate(t: Translator, op: IterateOp, source: Expr, callback: Node | undefined, call: CallExpression): Expr {
  if (
    callback === undefined ||
    !(Node.isArrowFunction(callback) || Node.isFunctionExpression(callback)) ||
    callback.getParameters().length < 1 ||
    callback.getParameters().length > 2
  ) {
    return fail("RP1007", callback ?? call, op);
  }
  const [itemParameter, indexParameter] = callback.getParameters();
  if (itemParameter === undefined) return fail("RP1007", callback, op);
  const item = t.fresh(Node.isIdentifier(itemParameter.getNameNode()) ? itemParameter.getName() : "entry");
  const lets = t.bindParameter(itemParameter, item);
  let index: string | null = null;
  if (indexParameter !== undefined) {
    if (!Node.isIdentifier(indexParameter.getNameNode())) fail("RP1007", indexParameter, op);
    index = t.fresh(indexParameter.getName());
    t.bindParameter(indexParameter, index);
  }
  const mode = op === "map" || op === "flatMap" ? "value" : "condition";
  const body = t.wrapLets(lets, t.functionBody(callback, mode));
  return t.ir.iterate(op, source, item, index, body, positionOf(call));
}

/** A function of the author's own: a declaration, or a module-level const bound to an arrow function. */
function helperDeclaration(found: Node | undefined): FunctionLike | undefined {
  // A DSL helper written in the check subset (dsl/rbac.ts grantedRules …) is translated from its
  // source, also where a project sees only Rampart's declaration files.
  const declaration = dslSourceOf(found) ?? found;
  if (declaration === undefined || declaration.getSourceFile().isDeclarationFile()) return undefined;
  if (
    Node.isFunctionDeclaration(declaration) ||
    Node.isArrowFunction(declaration) ||
    Node.isFunctionExpression(declaration)
  ) {
    return declaration;
  }
  return undefined;
}

/** A call of the author's own helper: the helper becomes a function of the control. */
function helperCall(t: Translator, node: CallExpression, helper: FunctionLike): Expr {
  const name = node.getExpression().getText();
  const definition = t.defineFunction(helper, name, node);
  const args = node.getArguments() as Expression[];
  const values = helper.getParameters().flatMap((parameter, index) => {
    const arg = args[index];
    if (definition.contextParameters.includes(index)) {
      if (arg === undefined || t.bindingOf(arg)?.kind !== "context") {
        fail("RP1012", arg ?? node, name, "the check context as this argument");
      }
      return [];
    }
    const initializer = parameter.getInitializer();
    if (arg !== undefined) return [t.expression(arg)];
    return [initializer !== undefined ? t.expression(initializer) : t.ir.literal(null)];
  });
  return t.ir.call(definition.name, values, positionOf(node));
}

/** `{ a: true, b: false }` written literally (or omitted). */
function readBooleanOptions(node: Node | undefined, keys: readonly string[]): Record<string, boolean> {
  if (node === undefined) return {};
  const record = readRecordArgument(node, keys);
  return Object.fromEntries(
    Object.entries(record).map(([key, property]) => {
      const value = Node.isPropertyAssignment(property) ? property.getInitializerOrThrow() : property;
      if (!Node.isTrueLiteral(value) && !Node.isFalseLiteral(value)) fail("RP1012", value, key, "true or false");
      return [key, value.getLiteralValue()];
    }),
  );
}

/** The properties of an object literal argument, checked against the allowed keys. */
function readRecordArgument(node: Node | undefined, keys: readonly string[]): Record<string, ObjectProperty> {
  if (node === undefined) return {};
  if (!Node.isObjectLiteralExpression(node)) return fail("RP1012", node, "this argument", "an object literal");
  const found: Record<string, ObjectProperty> = {};
  for (const property of node.getProperties()) {
    if (
      (Node.isPropertyAssignment(property) || Node.isShorthandPropertyAssignment(property)) &&
      keys.includes(property.getName())
    ) {
      found[property.getName()] = property;
    } else {
      fail("RP1019", property, "this argument", `the properties ${keys.join(", ")}`);
    }
  }
  return found;
}
