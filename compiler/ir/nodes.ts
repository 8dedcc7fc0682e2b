// The intermediate representation of a control's `check`: one expression tree per control.
// Every node kind is listed here, and every back end switches over all of them exhaustively.
//
// Values are JSON. `missing` (undefined or null in TypeScript) is written as a literal `null`;
// every access is missing-safe: reading through a missing value yields missing.
import type { KindName, ParamValue } from "../../dsl/index.js";

export type NodeId = number;

export type CompareOp = "===" | "!==" | "<" | "<=" | ">" | ">=";
export type LogicalOp = "&&" | "||";
export type IterateOp = "some" | "every" | "filter" | "map" | "flatMap";
export type StringTestOp = "startsWith" | "endsWith" | "includes";
export type HelperName =
  | "podSpec"
  | "podSpecPath"
  | "podMetadata"
  | "containers"
  | "selectorMatches"
  | "mapSelectorMatches"
  | "namespaceOf"
  | "lowerAscii"
  | "parseImage"
  | "compareQuantities"
  | "isQuantity"
  | "containerPorts"
  | "ruleAllows"
  | "rulesAllowing"
  | "commandFlags";

interface Base {
  readonly id: NodeId;
}

/** A JSON scalar; `null` stands for missing. */
export interface Literal extends Base {
  readonly kind: "literal";
  readonly value: string | number | boolean | null;
}

/** The object under review, a lambda parameter or a local const. */
export interface Variable extends Base {
  readonly kind: "variable";
  readonly name: string;
}

/** `object.key` / `object?.[key]`: missing when `object` is missing or has no such key or index. */
export interface Get extends Base {
  readonly kind: "get";
  readonly object: Expr;
  readonly key: Expr;
}

export interface Compare extends Base {
  readonly kind: "compare";
  readonly op: CompareOp;
  readonly left: Expr;
  readonly right: Expr;
}

/** Short-circuit boolean operators over boolean operands. */
export interface Logical extends Base {
  readonly kind: "logical";
  readonly op: LogicalOp;
  readonly left: Expr;
  readonly right: Expr;
}

export interface Not extends Base {
  readonly kind: "not";
  readonly operand: Expr;
}

/** A `boolean | undefined` used as a condition: true only when it is `true`. */
export interface IsTrue extends Base {
  readonly kind: "isTrue";
  readonly operand: Expr;
}

/** True when the value is not missing (`x !== undefined`, or an object used as a condition). */
export interface IsPresent extends Base {
  readonly kind: "isPresent";
  readonly operand: Expr;
}

/** `left ?? right`. */
export interface Coalesce extends Base {
  readonly kind: "coalesce";
  readonly left: Expr;
  readonly right: Expr;
}

export interface Conditional extends Base {
  readonly kind: "conditional";
  readonly test: Expr;
  readonly then: Expr;
  readonly otherwise: Expr;
}

/** A local const: `name` is bound to `value` in `body`. Names are unique within a control. */
export interface Let extends Base {
  readonly kind: "let";
  readonly name: string;
  readonly value: Expr;
  readonly body: Expr;
}

export interface ArrayItem {
  readonly spread: boolean;
  readonly value: Expr;
}

export interface ArrayLiteral extends Base {
  readonly kind: "array";
  readonly items: readonly ArrayItem[];
}

export interface RecordField {
  readonly key: string;
  readonly value: Expr;
}

/** An object literal with fixed keys (violations, fixes, container references). */
export interface RecordLiteral extends Base {
  readonly kind: "record";
  readonly fields: readonly RecordField[];
}

/**
 * `source.op((item, index) => body)`. `index` is null when the callback takes one parameter.
 * For `filter`, `some` and `every` the body is a boolean; for `flatMap` it is an array.
 */
export interface Iterate extends Base {
  readonly kind: "iterate";
  readonly op: IterateOp;
  readonly source: Expr;
  readonly item: string;
  readonly index: string | null;
  readonly body: Expr;
}

/** `Object.entries(object ?? {})`: a list of `[key, value]` pairs. */
export interface Entries extends Base {
  readonly kind: "entries";
  readonly object: Expr;
}

/** `array.includes(element)`. */
export interface Includes extends Base {
  readonly kind: "includes";
  readonly array: Expr;
  readonly element: Expr;
}

/** `.length` of an array or a string. */
export interface Length extends Base {
  readonly kind: "length";
  readonly operand: Expr;
}

export interface StringTest extends Base {
  readonly kind: "stringTest";
  readonly op: StringTestOp;
  readonly subject: Expr;
  readonly argument: Expr;
}

/** `toLowerCase()`: all of Unicode (Rego's lower); CEL has no equivalent (see the lowerAscii helper). */
export interface Lowercase extends Base {
  readonly kind: "lowercase";
  readonly operand: Expr;
}

/** `array.join(separator)` of an array of strings. */
export interface Join extends Base {
  readonly kind: "join";
  readonly array: Expr;
  readonly separator: Expr;
}

/** An unanchored RE2 match of `pattern` anywhere in `subject`. */
export interface RegexTest extends Base {
  readonly kind: "regexTest";
  readonly pattern: Expr;
  readonly subject: Expr;
}

/** String concatenation (template literals, `+` on strings). Parts are strings. */
export interface Concat extends Base {
  readonly kind: "concat";
  readonly parts: readonly Expr[];
}

/** An integer written in decimal, for template literals. */
export interface NumberToString extends Base {
  readonly kind: "numberToString";
  readonly operand: Expr;
}

/**
 * `context.inputs.<name>` (a built-in control input, a list of strings) or `context.params.<name>`
 * (a parameter the control declares): the value of that name among the scan's control inputs,
 * `fallback` (the parameter's default; [] for a built-in input) when they do not set it.
 */
export interface ControlInput extends Base {
  readonly kind: "controlInput";
  readonly name: string;
  readonly fallback: ParamValue;
}

/**
 * Objects of the scan: `context.objects(kind)` (all), `context.objectsIn(kind, namespace)`
 * (a list) or `context.object(kind, namespace, name)` (one object, or missing).
 */
export interface Lookup extends Base {
  readonly kind: "lookup";
  readonly objectKind: KindName;
  readonly namespace: Expr | null;
  /** Only with a namespace: the lookup is then of one object. */
  readonly name: Expr | null;
}

/**
 * A DSL helper with a fixed meaning in every back end (dsl/workload.ts, dsl/selectors.ts,
 * dsl/image.ts, dsl/quantity.ts, dsl/ports.ts, dsl/rbac.ts, dsl/flags.ts). `containers` and `containerPorts`
 * take the workload and two boolean literals (init, ephemeral). `parseImage` of a missing image
 * is missing; `compareQuantities` is missing when an argument is missing or not a quantity.
 * `ruleAllows` (a rule) and `rulesAllowing` (a role) take a request: a record with the keys
 * verbs, apiGroups, resources, resourceNames and nonResourceURLs, in that order, where a
 * request for resources has nonResourceURLs null and resourceNames `[""]` when it names no
 * object, and a request for URLs has only verbs and nonResourceURLs not null. `commandFlags`
 * takes a container reference and an array of string literals, the flag names (`--name`).
 */
export interface Helper extends Base {
  readonly kind: "helper";
  readonly name: HelperName;
  readonly args: readonly Expr[];
}

/** A call of a function of the control's own (see ControlFunction). */
export interface Call extends Base {
  readonly kind: "call";
  readonly name: string;
  readonly args: readonly Expr[];
}

/**
 * A helper function the control's author wrote (in the control module or one it imports).
 * Rego emits it as a function; CEL, which has none, substitutes it at each call.
 */
export interface ControlFunction {
  readonly name: string;
  readonly params: readonly string[];
  readonly body: Expr;
}

export type Expr =
  | Literal
  | Variable
  | Get
  | Compare
  | Logical
  | Not
  | IsTrue
  | IsPresent
  | Coalesce
  | Conditional
  | Let
  | ArrayLiteral
  | RecordLiteral
  | Iterate
  | Entries
  | Includes
  | Length
  | StringTest
  | Lowercase
  | Join
  | RegexTest
  | Concat
  | NumberToString
  | ControlInput
  | Lookup
  | Helper
  | Call;

export type ExprKind = Expr["kind"];

/** Makes every back end's `switch` exhaustive: a new node kind is a type error here. */
export function assertNever(node: never): never {
  throw new Error(`unhandled IR node: ${JSON.stringify(node)}`);
}
