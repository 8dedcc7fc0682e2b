// Translates the TypeScript of a check (expressions, const/if/return blocks) into IR. Calls are
// translated in calls.ts. Anything outside the supported subset is a CompileError at its node.
import {
  type ArrowFunction,
  type Expression,
  type FunctionDeclaration,
  type FunctionExpression,
  type MethodDeclaration,
  Node,
  type ParameterDeclaration,
  type PropertyAssignment,
  type ShorthandPropertyAssignment,
  type Statement,
  SyntaxKind,
  type TypeChecker,
  type ts,
} from "ts-morph";
import type { Params } from "../../dsl/index.js";
import { isBoolean } from "../ir/booleans.js";
import { IrBuilder } from "../ir/build.js";
import { RESERVED_NAMES } from "../ir/names.js";
import type { CompareOp, ControlFunction, Expr } from "../ir/nodes.js";
import { readNames } from "../ir/walk.js";
import { translateCall } from "./calls.js";
import { contextMemberOf, resolvedSymbol } from "./dsl-symbols.js";
import { numberLiteral } from "./literals.js";
import { fail, positionOf } from "./source.js";
import { facets, only } from "./types.js";

/** What a TypeScript name stands for while translating. */
export type Binding = { readonly kind: "value"; readonly name: string } | { readonly kind: "context" };

export type FunctionLike = ArrowFunction | FunctionExpression | FunctionDeclaration | MethodDeclaration;

export type ObjectProperty = PropertyAssignment | ShorthandPropertyAssignment;

const COMPARE_OPS: Partial<Record<SyntaxKind, CompareOp>> = {
  [SyntaxKind.EqualsEqualsEqualsToken]: "===",
  [SyntaxKind.ExclamationEqualsEqualsToken]: "!==",
  [SyntaxKind.LessThanToken]: "<",
  [SyntaxKind.LessThanEqualsToken]: "<=",
  [SyntaxKind.GreaterThanToken]: ">",
  [SyntaxKind.GreaterThanEqualsToken]: ">=",
};

/** A helper of the author's, translated once per control. */
export interface DefinedFunction extends ControlFunction {
  /** Positions of parameters that receive the check context (they are not values). */
  readonly contextParameters: readonly number[];
}

export class Translator {
  readonly ir = new IrBuilder();
  readonly functions = new Map<Node, DefinedFunction>();
  private readonly scope = new Map<ts.Symbol, Binding>();
  private readonly names = new Set<string>();
  private readonly inlining: Node[] = [];

  /** @param parameters the control's parameters, whose defaults `context.params.<name>` falls back to. */
  constructor(
    readonly checker: TypeChecker,
    private readonly parameters: Params,
  ) {}

  /** A variable name unused so far in this control. */
  fresh(wanted: string): string {
    let name = RESERVED_NAMES.has(wanted) ? `${wanted}_` : wanted;
    for (let n = 2; this.names.has(name); n++) name = `${wanted}_${n}`;
    this.names.add(name);
    return name;
  }

  bindingOf(node: Node): Binding | undefined {
    const symbol = resolvedSymbol(node);
    return symbol === undefined ? undefined : this.scope.get(symbol.compilerSymbol);
  }

  /** Runs `translate` with extra bindings, restoring the previous ones afterwards. */
  withBindings<T>(bindings: ReadonlyArray<[Node, Binding]>, translate: () => T): T {
    const saved = bindings.map(([node]) => {
      const symbol = node.getSymbolOrThrow().compilerSymbol;
      return [symbol, this.scope.get(symbol)] as const;
    });
    for (const [node, binding] of bindings) this.scope.set(node.getSymbolOrThrow().compilerSymbol, binding);
    try {
      return translate();
    } finally {
      for (const [symbol, previous] of saved) {
        if (previous === undefined) this.scope.delete(symbol);
        else this.scope.set(symbol, previous);
      }
    }
  }

  /** Guards against a helper that (indirectly) calls itself. */
  inline<T>(declaration: Node, name: string, at: Node, translate: () => T): T {
    if (this.inlining.includes(declaration)) fail("RP1011", at, name);
    this.inlining.push(declaration);
    try {
      return translate();
    } finally {
      this.inlining.pop();
    }
  }

  /** Translates a helper of the author's into a function of the control (once). */
  defineFunction(declaration: FunctionLike, name: string, at: Node): DefinedFunction {
    const known = this.functions.get(declaration);
    if (known !== undefined) return known;
    return this.inline(declaration, name, at, () => {
      const params: string[] = [];
      const contextParameters: number[] = [];
      declaration.getParameters().forEach((parameter, index) => {
        const nameNode = parameter.getNameNode();
        if (!Node.isIdentifier(nameNode)) fail("RP1019", parameter, name, "plain parameter names");
        if (isCheckContext(parameter)) {
          contextParameters.push(index);
          this.scope.set(nameNode.getSymbolOrThrow().compilerSymbol, { kind: "context" });
          return;
        }
        const variable = this.fresh(nameNode.getText());
        params.push(variable);
        this.scope.set(nameNode.getSymbolOrThrow().compilerSymbol, { kind: "value", name: variable });
      });
      const body = this.functionBody(declaration, "value");
      const defined = { name: this.fresh(name.replace(/\W/g, "_")), params, body, contextParameters };
      this.functions.set(declaration, defined);
      return defined;
    });
  }

  /** The body of a function (check, callback, helper): a block or a single expression. */
  functionBody(fn: FunctionLike, mode: "value" | "condition"): Expr {
    const body = fn.getBody();
    if (body === undefined) return fail("RP1009", fn);
    if (Node.isBlock(body)) return this.block(body.getStatements(), mode, body);
    return mode === "condition" ? this.condition(body as Expression) : this.expression(body as Expression);
  }

  /** Binds a parameter (identifier or one level of destructuring) to `value`; returns the lets. */
  bindParameter(parameter: ParameterDeclaration, valueName: string): Array<[string, Node, Expr]> {
    const nameNode = parameter.getNameNode();
    if (Node.isIdentifier(nameNode)) {
      this.scope.set(nameNode.getSymbolOrThrow().compilerSymbol, { kind: "value", name: valueName });
      return [];
    }
    const lets: Array<[string, Node, Expr]> = [];
    const source = this.ir.variable(valueName, positionOf(parameter));
    const elements = nameNode.getElements();
    elements.forEach((element, index) => {
      if (Node.isOmittedExpression(element)) return;
      const inner = element.getNameNode();
      if (!Node.isIdentifier(inner) || element.getInitializer() !== undefined || element.getDotDotDotToken()) {
        fail("RP1007", parameter, "destructuring");
      }
      const key = Node.isObjectBindingPattern(nameNode)
        ? this.ir.literal(element.getPropertyNameNode()?.getText() ?? inner.getText())
        : this.ir.literal(index);
      lets.push([this.fresh(inner.getText()), inner, this.ir.get(source, key, positionOf(element))]);
    });
    for (const [name, node] of lets) this.scope.set(node.getSymbolOrThrow().compilerSymbol, { kind: "value", name });
    return lets;
  }

  /** `body` under the consts `lets`; a const that nothing reads is left out (reads never fail). */
  wrapLets(lets: ReadonlyArray<[string, Node, Expr]>, body: Expr): Expr {
    return lets.reduceRight<Expr>(
      (inner, [name, node, value]) =>
        readNames(inner).has(name) ? this.ir.let(name, value, inner, positionOf(node)) : inner,
      body,
    );
  }

  block(statements: readonly Statement[], mode: "value" | "condition", owner: Node): Expr {
    const [first, ...rest] = statements;
    if (first === undefined) fail("RP1009", owner);
    if (Node.isVariableStatement(first)) {
      const keyword = first.getDeclarationKind();
      if (keyword !== "const") fail("RP1010", first, keyword);
      const lets: Array<[string, Node, Expr]> = [];
      for (const declaration of first.getDeclarations()) {
        const initializer = declaration.getInitializerOrThrow();
        const nameNode = declaration.getNameNode();
        if (Node.isIdentifier(nameNode)) {
          const name = this.fresh(nameNode.getText());
          lets.push([name, nameNode, this.expression(initializer)]);
          this.scope.set(nameNode.getSymbolOrThrow().compilerSymbol, { kind: "value", name });
        } else {
          fail("RP1001", nameNode, "destructuring a const");
        }
      }
      return this.wrapLets(lets, this.block(rest, mode, owner));
    }
    if (Node.isIfStatement(first)) {
      const test = this.condition(first.getExpression());
      const branch = (statement: Statement) =>
        this.block(Node.isBlock(statement) ? statement.getStatements() : [statement], mode, statement);
      const then = branch(first.getThenStatement());
      const elseStatement = first.getElseStatement();
      if (elseStatement !== undefined && rest.length > 0) fail("RP1008", rest[0] as Statement, "unreachable code");
      const otherwise = elseStatement !== undefined ? branch(elseStatement) : this.block(rest, mode, owner);
      return this.ir.conditional(test, then, otherwise, positionOf(first));
    }
    if (Node.isReturnStatement(first)) {
      const returned = first.getExpression();
      if (returned === undefined) fail("RP1009", first);
      if (rest.length > 0) fail("RP1008", rest[0] as Statement, "unreachable code");
      return mode === "condition" ? this.condition(returned) : this.expression(returned);
    }
    return fail("RP1008", first, describe(first));
  }

  /** An expression used as a condition: must be boolean, or `boolean | undefined`, or an object that may be missing. */
  condition(node: Expression): Expr {
    const found = facets(node.getType());
    const value = this.expression(node);
    if (isBoolean(value)) return value;
    if (only(found, "boolean", "missing") && found.has("boolean")) return this.ir.isTrue(value, positionOf(node));
    if (only(found, "object", "array", "missing")) return this.ir.isPresent(value, positionOf(node));
    return fail("RP1002", node, node.getType().getText(node));
  }

  expression(node: Expression): Expr {
    const at = positionOf(node);
    if (
      Node.isParenthesizedExpression(node) ||
      Node.isAsExpression(node) ||
      Node.isNonNullExpression(node) ||
      Node.isSatisfiesExpression(node)
    ) {
      return this.expression(node.getExpression());
    }
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) {
      return this.ir.literal(node.getLiteralValue(), at);
    }
    const number = numberLiteral(node);
    if (number !== undefined) return this.ir.literal(number, at);
    if (Node.isTrueLiteral(node) || Node.isFalseLiteral(node)) return this.ir.literal(node.getLiteralValue(), at);
    if (Node.isNullLiteral(node)) fail("RP1004", node);
    if (Node.isIdentifier(node)) return this.identifier(node);
    if (Node.isPropertyAccessExpression(node)) return this.propertyAccess(node);
    if (Node.isElementAccessExpression(node)) {
      const key = node.getArgumentExpressionOrThrow();
      if (!only(facets(key.getType()), "string", "number")) fail("RP1019", key, "[…]", "a string or number key");
      return this.ir.get(this.expression(node.getExpression()), this.expression(key), at);
    }
    if (Node.isCallExpression(node)) return translateCall(this, node);
    if (Node.isBinaryExpression(node)) return this.binary(node);
    if (Node.isPrefixUnaryExpression(node)) {
      const operand = node.getOperand();
      if (node.getOperatorToken() === SyntaxKind.ExclamationToken) return this.ir.not(this.condition(operand), at);
      return fail("RP1017", node, node.getText().slice(0, 1));
    }
    if (Node.isConditionalExpression(node)) {
      return this.ir.conditional(
        this.condition(node.getCondition()),
        this.expression(node.getWhenTrue()),
        this.expression(node.getWhenFalse()),
        at,
      );
    }
    if (Node.isTemplateExpression(node)) {
      const parts: Expr[] = [];
      const text = (value: string) => value.length > 0 && parts.push(this.ir.literal(value));
      text(node.getHead().getLiteralText());
      for (const span of node.getTemplateSpans()) {
        parts.push(this.stringPart(span.getExpression()));
        text(span.getLiteral().getLiteralText());
      }
      return this.ir.concat(parts, at);
    }
    if (Node.isArrayLiteralExpression(node)) {
      const [only, ...others] = node.getElements();
      // `[...list]` is a copy of the list: the same value.
      if (only !== undefined && others.length === 0 && Node.isSpreadElement(only))
        return this.expression(only.getExpression());
      return this.ir.array(
        node
          .getElements()
          .map((element) =>
            Node.isSpreadElement(element)
              ? { spread: true, value: this.expression(element.getExpression()) }
              : { spread: false, value: this.expression(element) },
          ),
        at,
      );
    }
    if (Node.isObjectLiteralExpression(node)) return this.objectLiteral(node);
    return fail("RP1001", node, describe(node));
  }

  /** A template-literal part: strings as they are, numbers in decimal. */
  private stringPart(node: Expression): Expr {
    const found = facets(node.getType());
    if (only(found, "string")) return this.expression(node);
    if (only(found, "number")) return this.ir.numberToString(this.expression(node), positionOf(node));
    return fail("RP1019", node, "a template literal", `strings and numbers, not '${node.getType().getText(node)}'`);
  }

  private identifier(node: Node, symbol = resolvedSymbol(node)): Expr {
    if (node.getText() === "undefined") return this.ir.literal(null, positionOf(node));
    const binding = symbol === undefined ? undefined : this.scope.get(symbol.compilerSymbol);
    if (binding?.kind === "value") return this.ir.variable(binding.name, positionOf(node));
    if (binding?.kind === "context")
      fail(
        "RP1019",
        node,
        "the check context",
        "member access: context.inputs.<name>, context.params.<name> or context.objects(kind)",
      );
    // A module-level const: its initializer is inlined.
    const declaration = symbol?.getDeclarations()[0];
    if (
      Node.isVariableDeclaration(declaration) &&
      declaration.getVariableStatement()?.getDeclarationKind() === "const"
    ) {
      const initializer = declaration.getInitializer();
      if (initializer !== undefined && !Node.isArrowFunction(initializer) && !Node.isFunctionExpression(initializer)) {
        return this.inline(declaration, node.getText(), node, () => this.expression(initializer));
      }
    }
    return fail("RP1013", node, node.getText());
  }

  private propertyAccess(node: Expression & Node): Expr {
    if (!Node.isPropertyAccessExpression(node)) throw new Error("expected a property access");
    const receiver = node.getExpression();
    const at = positionOf(node);
    const member = Node.isPropertyAccessExpression(receiver)
      ? contextMemberOf(resolvedSymbol(receiver.getNameNode()))
      : undefined;
    if (member === "inputs") return this.ir.controlInput(node.getName(), [], at);
    if (member === "params") {
      const declared = Object.hasOwn(this.parameters, node.getName()) ? this.parameters[node.getName()] : undefined;
      if (declared === undefined) return fail("RP1019", node, "context.params", "the parameters the control declares");
      return this.ir.controlInput(node.getName(), declared.default, at);
    }
    if (contextMemberOf(resolvedSymbol(node.getNameNode())) !== undefined) {
      fail(
        "RP1019",
        node,
        node.getText(),
        "member access: context.inputs.<name>, context.params.<name> or a call context.objects(kind)",
      );
    }
    const receiverFacets = facets(receiver.getType());
    if (node.getName() === "length" && only(receiverFacets, "array", "string", "missing")) {
      return this.whenPresent(receiver, (value) => this.ir.length(value, at));
    }
    return this.ir.get(this.expression(receiver), this.ir.literal(node.getName()), at);
  }

  /**
   * `receiver.member…` where the receiver may be missing: TypeScript's optional chain yields
   * undefined instead of calling the member, so the IR does the same.
   */
  whenPresent(receiver: Expression, use: (value: Expr) => Expr): Expr {
    const value = this.expression(receiver);
    if (!facets(receiver.getType()).has("missing")) return use(value);
    const at = positionOf(receiver);
    return this.ir.conditional(this.ir.isPresent(value, at), use(value), this.ir.literal(null, at), at);
  }

  private binary(node: Expression): Expr {
    if (!Node.isBinaryExpression(node)) throw new Error("expected a binary expression");
    const operator = node.getOperatorToken().getKind();
    const left = node.getLeft();
    const right = node.getRight();
    const at = positionOf(node);
    const compareOp = COMPARE_OPS[operator];
    for (const side of [left, right]) if (Node.isNullLiteral(side)) fail("RP1004", side);
    if (compareOp === "===" || compareOp === "!==") {
      const present = (side: Expression) => this.ir.isPresent(this.expression(side), at);
      const test = isUndefined(right) ? present(left) : isUndefined(left) ? present(right) : undefined;
      if (test !== undefined) return compareOp === "!==" ? test : this.ir.not(test, at);
      for (const side of [left, right]) {
        const found = facets(side.getType());
        if (found.has("object") || found.has("array")) fail("RP1005", node, compareOp);
      }
    }
    if (compareOp !== undefined) return this.ir.compare(compareOp, this.expression(left), this.expression(right), at);
    switch (operator) {
      case SyntaxKind.AmpersandAmpersandToken:
        return this.ir.logical("&&", this.condition(left), this.condition(right), at);
      case SyntaxKind.BarBarToken:
        return this.ir.logical("||", this.condition(left), this.condition(right), at);
      case SyntaxKind.QuestionQuestionToken:
        return this.ir.coalesce(this.expression(left), this.expression(right), at);
      case SyntaxKind.EqualsEqualsToken:
      case SyntaxKind.ExclamationEqualsToken:
        return fail("RP1003", node, node.getOperatorToken().getText());
      case SyntaxKind.PlusToken:
        if (only(facets(left.getType()), "string") && only(facets(right.getType()), "string")) {
          return this.ir.concat([this.expression(left), this.expression(right)], at);
        }
        return fail("RP1017", node, "+");
      default:
        return fail("RP1017", node, node.getOperatorToken().getText());
    }
  }

  private objectLiteral(node: Expression): Expr {
    if (!Node.isObjectLiteralExpression(node)) throw new Error("expected an object literal");
    const fields = node.getProperties().map((property) => {
      if (Node.isPropertyAssignment(property)) {
        const nameNode = property.getNameNode();
        if (Node.isComputedPropertyName(nameNode)) fail("RP1001", nameNode, "a computed property name");
        const key = Node.isStringLiteral(nameNode) ? nameNode.getLiteralValue() : nameNode.getText();
        return { key, value: this.propertyValue(property) };
      }
      if (Node.isShorthandPropertyAssignment(property))
        return { key: property.getName(), value: this.propertyValue(property) };
      return fail("RP1001", property, describe(property));
    });
    return this.ir.record(fields, positionOf(node));
  }

  /** The value of `key: value` or of the shorthand `{ key }`. */
  propertyValue(property: ObjectProperty): Expr {
    if (Node.isPropertyAssignment(property)) return this.expression(property.getInitializerOrThrow());
    return this.identifier(property.getNameNode(), this.checker.getShorthandAssignmentValueSymbol(property));
  }
}

/** A parameter typed as the DSL's CheckContext. */
function isCheckContext(parameter: ParameterDeclaration): boolean {
  const declaration = parameter.getType().getSymbol()?.getDeclarations()[0];
  return Node.isInterfaceDeclaration(declaration) && declaration.getName() === "CheckContext";
}

function isUndefined(node: Expression): boolean {
  return Node.isIdentifier(node) && node.getText() === "undefined";
}

/** A readable name for a syntax node in diagnostics. */
export function describe(node: Node): string {
  const words = node
    .getKindName()
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return `${/^[aeiou]/.test(words) ? "an" : "a"} ${words}`;
}
