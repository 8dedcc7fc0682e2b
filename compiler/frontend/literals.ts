// Reading the literal fields of `control({…})` and `framework({…})`: metadata is read at
// compile time, so each field must be written literally (or be a const list such as
// WORKLOAD_KINDS, whose literal type says what it holds).
import { type Expression, Node, type ObjectLiteralExpression, SyntaxKind, type Type } from "ts-morph";
import { fail } from "./source.js";

export class LiteralFields {
  constructor(private readonly spec: ObjectLiteralExpression) {}

  has(name: string): boolean {
    return this.spec.getProperty(name) !== undefined;
  }

  private initializer(name: string): Expression {
    const property = this.spec.getProperty(name);
    if (property === undefined) return fail("RP1015", this.spec, name, "present");
    if (!Node.isPropertyAssignment(property)) return fail("RP1015", property, name, "a literal value");
    return property.getInitializerOrThrow();
  }

  text(name: string): string {
    const value = this.initializer(name);
    if (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value)) return value.getLiteralValue();
    return fail("RP1015", value, name, "a string literal");
  }

  number(name: string): number {
    const value = this.initializer(name);
    if (!Node.isNumericLiteral(value)) return fail("RP1015", value, name, "a number literal");
    return value.getLiteralValue();
  }

  /** A list of strings: an array literal of string literals, or a value of a literal tuple type. */
  strings(name: string): string[] {
    const node = this.initializer(name);
    return (
      literalStrings(node) ??
      fail("RP1015", node, name, "a literal list of strings (or a const list such as WORKLOAD_KINDS)")
    );
  }
}

/**
 * An array literal of string literals and spread lists of such, or a value of a literal tuple
 * type; undefined otherwise. An array literal is read element by element, in its order (its type
 * is a union whose order depends on the rest of the program).
 */
export function literalStrings(node: Expression): string[] | undefined {
  if (Node.isArrayLiteralExpression(node)) {
    const parts = node
      .getElements()
      .map((element) =>
        Node.isStringLiteral(element)
          ? [element.getLiteralValue()]
          : Node.isSpreadElement(element)
            ? literalStrings(element.getExpression())
            : undefined,
      );
    if (parts.every((part) => part !== undefined)) return parts.flat();
  }
  const type = node.getType();
  const elementType = type.getArrayElementType() ?? type.getNumberIndexType();
  const elements: Type[] = type.isTuple() ? type.getTupleElements() : elementType !== undefined ? [elementType] : [];
  const values = elements.flatMap((element) => (element.isUnion() ? element.getUnionTypes() : [element]));
  if (values.length === 0 || !values.every((value) => value.isStringLiteral())) return undefined;
  return values.map((value) => value.getLiteralValue() as string);
}

/** The value of a number written literally: `12`, `0.5`, or a negated one such as `-1`. */
export function numberLiteral(node: Node): number | undefined {
  if (Node.isNumericLiteral(node)) return node.getLiteralValue();
  if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SyntaxKind.MinusToken) {
    const operand = node.getOperand();
    if (Node.isNumericLiteral(operand)) return -operand.getLiteralValue();
  }
  return undefined;
}
