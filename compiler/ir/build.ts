// The only way to make IR nodes: each factory gives the node a fresh id, records where in the
// control's source it came from, and freezes it.

import type { KindName, ParamValue } from "../../dsl/index.js";
import type {
  ArrayItem,
  CompareOp,
  Expr,
  HelperName,
  IterateOp,
  LogicalOp,
  NodeId,
  RecordField,
  StringTestOp,
} from "./nodes.js";

export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Node id → where the node came from, so any later stage can point at the control's source. */
export type SourceMap = ReadonlyMap<NodeId, SourcePosition>;

type Fields<K extends Expr["kind"]> = Omit<Extract<Expr, { kind: K }>, "id" | "kind">;

export class IrBuilder {
  private nextId = 1;
  private readonly positions = new Map<NodeId, SourcePosition>();

  get sourceMap(): SourceMap {
    return this.positions;
  }

  private make<K extends Expr["kind"]>(kind: K, fields: Fields<K>, at: SourcePosition | undefined) {
    const id = this.nextId++;
    if (at !== undefined) this.positions.set(id, at);
    return Object.freeze({ id, kind, ...fields }) as unknown as Extract<Expr, { kind: K }>;
  }

  literal(value: string | number | boolean | null, at?: SourcePosition) {
    return this.make("literal", { value }, at);
  }
  variable(name: string, at?: SourcePosition) {
    return this.make("variable", { name }, at);
  }
  get(object: Expr, key: Expr, at?: SourcePosition) {
    return this.make("get", { object, key }, at);
  }
  compare(op: CompareOp, left: Expr, right: Expr, at?: SourcePosition) {
    return this.make("compare", { op, left, right }, at);
  }
  logical(op: LogicalOp, left: Expr, right: Expr, at?: SourcePosition) {
    return this.make("logical", { op, left, right }, at);
  }
  not(operand: Expr, at?: SourcePosition) {
    return this.make("not", { operand }, at);
  }
  isTrue(operand: Expr, at?: SourcePosition) {
    return this.make("isTrue", { operand }, at);
  }
  isPresent(operand: Expr, at?: SourcePosition) {
    return this.make("isPresent", { operand }, at);
  }
  coalesce(left: Expr, right: Expr, at?: SourcePosition) {
    return this.make("coalesce", { left, right }, at);
  }
  conditional(test: Expr, then: Expr, otherwise: Expr, at?: SourcePosition) {
    return this.make("conditional", { test, then, otherwise }, at);
  }
  let(name: string, value: Expr, body: Expr, at?: SourcePosition) {
    return this.make("let", { name, value, body }, at);
  }
  array(items: readonly ArrayItem[], at?: SourcePosition) {
    return this.make("array", { items: Object.freeze(items.map((item) => Object.freeze({ ...item }))) }, at);
  }
  record(fields: readonly RecordField[], at?: SourcePosition) {
    return this.make("record", { fields: Object.freeze(fields.map((field) => Object.freeze({ ...field }))) }, at);
  }
  iterate(op: IterateOp, source: Expr, item: string, index: string | null, body: Expr, at?: SourcePosition) {
    return this.make("iterate", { op, source, item, index, body }, at);
  }
  entries(object: Expr, at?: SourcePosition) {
    return this.make("entries", { object }, at);
  }
  includes(array: Expr, element: Expr, at?: SourcePosition) {
    return this.make("includes", { array, element }, at);
  }
  length(operand: Expr, at?: SourcePosition) {
    return this.make("length", { operand }, at);
  }
  stringTest(op: StringTestOp, subject: Expr, argument: Expr, at?: SourcePosition) {
    return this.make("stringTest", { op, subject, argument }, at);
  }
  lowercase(operand: Expr, at?: SourcePosition) {
    return this.make("lowercase", { operand }, at);
  }
  join(array: Expr, separator: Expr, at?: SourcePosition) {
    return this.make("join", { array, separator }, at);
  }
  regexTest(pattern: Expr, subject: Expr, at?: SourcePosition) {
    return this.make("regexTest", { pattern, subject }, at);
  }
  concat(parts: readonly Expr[], at?: SourcePosition) {
    return this.make("concat", { parts: Object.freeze([...parts]) }, at);
  }
  numberToString(operand: Expr, at?: SourcePosition) {
    return this.make("numberToString", { operand }, at);
  }
  controlInput(name: string, fallback: ParamValue, at?: SourcePosition) {
    const frozen = Array.isArray(fallback) ? Object.freeze([...fallback]) : fallback;
    return this.make("controlInput", { name, fallback: frozen }, at);
  }
  lookup(objectKind: KindName, namespace: Expr | null, name: Expr | null, at?: SourcePosition) {
    return this.make("lookup", { objectKind, namespace, name }, at);
  }
  helper(name: HelperName, args: readonly Expr[], at?: SourcePosition) {
    return this.make("helper", { name, args: Object.freeze([...args]) }, at);
  }
  call(name: string, args: readonly Expr[], at?: SourcePosition) {
    return this.make("call", { name, args: Object.freeze([...args]) }, at);
  }
}
