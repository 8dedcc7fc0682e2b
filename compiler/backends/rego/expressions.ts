// IR expressions as Rego v1 terms and rule bodies.
//
// Every term this emits is defined whenever the TypeScript check would not throw: reads go
// through object.get with a null default, and every boolean is a comparison, a builtin that
// returns true/false, or a count over a comprehension. So a missing field never turns a rule
// silently undefined; when a builtin does fail, the control's outcome rule reports an error.
import type { ParamValue } from "../../../dsl/index.js";
import { isAlwaysBoolean } from "../../ir/booleans.js";
import {
  type ArrayItem,
  assertNever,
  type CompareOp,
  type Expr,
  type HelperName,
  type StringTestOp,
} from "../../ir/nodes.js";
import { getChain, listParts, negate, singleItem } from "../../ir/shapes.js";
import { readNames } from "../../ir/walk.js";
import { regoString } from "./escape.js";

const COMPARE: Record<CompareOp, string> = {
  "===": "==",
  "!==": "!=",
  "<": "<",
  "<=": "<=",
  ">": ">",
  ">=": ">=",
};

/** The comparison that holds exactly when `op` does not (operands are never missing here). */
const NEGATED: Record<CompareOp, CompareOp> = {
  "===": "!==",
  "!==": "===",
  "<": ">=",
  "<=": ">",
  ">": "<=",
  ">=": "<",
};

const HELPERS: Record<HelperName, string> = {
  podSpec: "lib.pod_spec",
  podSpecPath: "lib.pod_spec_path",
  podMetadata: "lib.pod_metadata",
  containers: "lib.containers",
  selectorMatches: "lib.selector_matches",
  mapSelectorMatches: "lib.map_selector_matches",
  namespaceOf: "lib.namespace_of",
  lowerAscii: "lib.lower_ascii",
  parseImage: "lib.parse_image",
  compareQuantities: "lib.compare_quantities",
  isQuantity: "lib.is_quantity",
  containerPorts: "lib.container_ports",
  ruleAllows: "lib.rule_allows",
  rulesAllowing: "lib.rules_allowing",
  commandFlags: "lib.command_flags",
};

const STRING_TESTS = {
  startsWith: "startswith",
  endsWith: "endswith",
  includes: "contains",
} as const satisfies Record<StringTestOp, string>;

/** The other builtins the printed terms call (the library's functions are all under `lib`). */
const BUILTINS = {
  count: "count",
  flatten: "array.flatten",
  arrayConcat: "array.concat",
  objectGet: "object.get",
  lower: "lower",
  concat: "concat",
  formatInt: "format_int",
  regexMatch: "regex.match",
} as const;

/**
 * The first part of every builtin the printed terms call (`array` for array.concat), and `lib`:
 * a variable of that name would hide the builtin in the rule that declares it.
 */
export const CALLED_ROOTS: ReadonlySet<string> = new Set(
  ["lib", ...Object.values(STRING_TESTS), ...Object.values(BUILTINS)].map((name) => name.split(".")[0] as string),
);

/** A line of a rule body, with the variable it assigns (if any) and the variables it reads. */
interface GuardLine {
  readonly text: string;
  readonly defines: string | null;
  readonly uses: ReadonlySet<string>;
}

/** A term to compute and the body that binds what it needs (local consts). */
interface Bound {
  readonly body: readonly string[];
  readonly term: string;
}

/** One definition of a function: its body and term, and the variables they read. */
interface Definition extends Bound {
  readonly reads: ReadonlySet<string>;
}

export class RegoExpressions {
  private readonly taken: Set<string>;
  private counter = 0;

  /**
   * @param objectVariable the name bound to the object under review (known to be an object).
   * @param names every variable name the IR uses, so that temporaries never collide.
   */
  constructor(
    private readonly objectVariable: string | null,
    names: Iterable<string>,
  ) {
    this.taken = new Set(names);
  }

  private temporary(base: string): string {
    let name: string;
    do name = `${base}${++this.counter}`;
    while (this.taken.has(name));
    this.taken.add(name);
    return name;
  }

  /** A part of a string concatenation: text read from the object goes through lib.text. */
  private textPart(part: Expr): string {
    const value = this.value(part);
    return part.kind === "literal" || part.kind === "numberToString" || part.kind === "concat"
      ? value
      : `lib.text(${value})`;
  }

  /** Peels local consts off `expr`: they become assignments in the enclosing body. */
  bound(expr: Expr): Bound {
    if (expr.kind !== "let") return { body: [], term: this.value(expr) };
    const inner = this.bound(expr.body);
    return { body: [`${expr.name} := ${this.value(expr.value)}`, ...inner.body], term: inner.term };
  }

  /**
   * A comprehension `[term | body]` on one line. A comparison as the term is parenthesised: Rego
   * would read `[a == b | body]` as `a == (b | body)`, `|` being its set union too.
   */
  private comprehension(term: string, body: readonly string[]): string {
    return `[${hasTopLevelOperator(term) ? `(${term})` : term} | ${body.join("; ")}]`;
  }

  /** True when at least one of the bodies succeeds (each is tried on its own). */
  private anyHolds(bodies: ReadonlyArray<readonly string[]>, holds = true): string {
    return `${BUILTINS.count}(${BUILTINS.flatten}([${bodies.map((body) => this.comprehension("1", body)).join(", ")}])) ${holds ? ">" : "=="} 0`;
  }

  private holds(body: readonly string[]): string {
    return `${BUILTINS.count}(${this.comprehension("1", body)}) > 0`;
  }

  private fails(body: readonly string[]): string {
    return `${BUILTINS.count}(${this.comprehension("1", body)}) == 0`;
  }

  /** A term for the value of `expr`. */
  value(expr: Expr): string {
    if (isAlwaysBoolean(expr)) return this.booleanTerm(expr);
    switch (expr.kind) {
      case "literal":
        return typeof expr.value === "string" ? regoString(expr.value) : String(expr.value);
      case "variable":
        return expr.name;
      case "get":
        return this.get(expr);
      case "coalesce":
        return `lib.coalesce(${this.value(expr.left)}, ${this.value(expr.right)})`;
      case "conditional":
        return this.conditional(expr);
      case "let": {
        const { body, term } = this.bound(expr);
        return `${this.comprehension(term, body)}[0]`;
      }
      case "array":
        return this.array(expr);
      case "record":
        return `{${expr.fields.map((field) => `${regoString(field.key)}: ${this.value(field.value)}`).join(", ")}}`;
      case "iterate":
        return this.iterate(expr);
      case "entries": {
        const key = this.temporary("key");
        const entry = this.temporary("value");
        return this.comprehension(`[${key}, ${entry}]`, [`some ${key}, ${entry} in ${this.value(expr.object)}`]);
      }
      case "length":
        return `${BUILTINS.count}(${this.value(expr.operand)})`;
      case "lowercase":
        return `${BUILTINS.lower}(${this.value(expr.operand)})`;
      case "join":
        return `${BUILTINS.concat}(${this.value(expr.separator)}, ${this.value(expr.array)})`;
      case "concat":
        return `${BUILTINS.concat}("", [${flattenConcat(expr)
          .map((part) => this.textPart(part))
          .join(", ")}])`;
      case "numberToString":
        return `${BUILTINS.formatInt}(${this.value(expr.operand)}, 10)`;
      case "controlInput":
        return `lib.control_input(${regoString(expr.name)}, ${regoValue(expr.fallback)})`;
      case "lookup": {
        const kind = regoString(expr.objectKind);
        if (expr.namespace === null) return `lib.objects(${kind})`;
        if (expr.name === null) return `lib.objects_in(${kind}, ${this.value(expr.namespace)})`;
        return `lib.object_named(${kind}, ${this.value(expr.namespace)}, ${this.value(expr.name)})`;
      }
      case "helper":
        return `${HELPERS[expr.name]}(${expr.args.map((arg) => this.value(arg)).join(", ")})`;
      case "call":
        // A function without parameters is a rule (see functionRules).
        return expr.args.length === 0
          ? expr.name
          : `${expr.name}(${expr.args.map((arg) => this.value(arg)).join(", ")})`;
      default:
        return assertNever(expr);
    }
  }

  /**
   * The definitions of a function whose body is `expr`: local consts become assignments and
   * each branch of a top-level conditional becomes its own definition, guarded by its test and
   * the negation of the others, so that exactly one applies. (An `else` chain would silently
   * fall through to the next branch when a builtin fails in the chosen one.) Assignments a
   * branch does not use are left out of it.
   */
  definitions(expr: Expr, guard: readonly GuardLine[] = []): Definition[] {
    if (expr.kind === "let") {
      const line = {
        text: `${expr.name} := ${this.value(expr.value)}`,
        defines: expr.name,
        uses: readNames(expr.value),
      };
      return this.definitions(expr.body, [...guard, line]);
    }
    if (expr.kind === "conditional") {
      const test = (condition: Expr) =>
        this.condition(condition).map((text) => ({ text, defines: null, uses: readNames(condition) }));
      return [
        ...this.definitions(expr.then, [...guard, ...test(expr.test)]),
        ...this.definitions(expr.otherwise, [...guard, ...test(negate(expr.test))]),
      ];
    }
    const needed = readNames(expr);
    const kept: string[] = [];
    for (const line of [...guard].reverse()) {
      if (line.defines !== null && !needed.has(line.defines)) continue;
      for (const name of line.uses) needed.add(name);
      kept.unshift(line.text);
    }
    return [{ body: kept, term: this.value(expr), reads: needed }];
  }

  /** Body expressions that all succeed exactly when the boolean `expr` is true. */
  condition(expr: Expr): string[] {
    switch (expr.kind) {
      case "logical":
        if (expr.op === "&&") return [...this.condition(expr.left), ...this.condition(expr.right)];
        return [this.anyHolds(disjuncts(expr).map((part) => this.condition(part)))];
      case "let":
        return [`${expr.name} := ${this.value(expr.value)}`, ...this.condition(expr.body)];
      case "conditional": {
        const test = this.condition(expr.test);
        const inverse = this.condition(negate(expr.test));
        return [
          this.anyHolds([
            [...test, ...this.condition(expr.then)],
            [...inverse, ...this.condition(expr.otherwise)],
          ]),
        ];
      }
      case "iterate":
        if (expr.op === "some") {
          const { lines, body } = this.itemLines(expr);
          return [this.holds([...lines, ...this.condition(body)])];
        }
        if (expr.op === "every") {
          const { lines, body } = this.itemLines(expr);
          return [this.fails([...lines, ...this.condition(negate(body))])];
        }
        return notACondition(expr);
      case "literal":
        return [String(expr.value === true)];
      case "compare":
      case "not":
      case "isTrue":
      case "isPresent":
      case "includes":
      case "stringTest":
      case "regexTest":
      case "helper":
        return [this.booleanTerm(expr)];
      case "variable":
      case "get":
      case "coalesce":
      case "array":
      case "record":
      case "entries":
      case "length":
      case "lowercase":
      case "join":
      case "concat":
      case "numberToString":
      case "controlInput":
      case "lookup":
      case "call":
        return notACondition(expr);
      default:
        return assertNever(expr);
    }
  }

  /** A term that is true or false (never undefined for well-typed objects). */
  private booleanTerm(expr: Expr): string {
    switch (expr.kind) {
      case "compare":
        return `${this.value(expr.left)} ${COMPARE[expr.op]} ${this.value(expr.right)}`;
      case "isTrue":
        return `${this.value(expr.operand)} == true`;
      case "isPresent":
        return `${this.value(expr.operand)} != null`;
      case "includes":
        return `${this.value(expr.element)} in ${this.value(expr.array)}`;
      case "stringTest":
        return `${STRING_TESTS[expr.op]}(${this.value(expr.subject)}, ${this.value(expr.argument)})`;
      case "regexTest":
        return `${BUILTINS.regexMatch}(${this.value(expr.pattern)}, ${this.value(expr.subject)})`;
      case "literal":
        return String(expr.value === true);
      case "helper":
        return this.value(expr);
      case "not": {
        const inner = expr.operand;
        if (inner.kind === "compare") return this.booleanTerm({ ...inner, op: NEGATED[inner.op] });
        if (inner.kind === "isTrue") return `${this.value(inner.operand)} != true`;
        if (inner.kind === "isPresent") return `${this.value(inner.operand)} == null`;
        if (inner.kind === "logical" && inner.op === "||") {
          return this.anyHolds(
            disjuncts(inner).map((part) => this.condition(part)),
            false,
          );
        }
        if (inner.kind === "iterate" && inner.op === "some") {
          const { lines, body } = this.itemLines(inner);
          return this.fails([...lines, ...this.condition(body)]);
        }
        return this.fails(this.condition(inner));
      }
      case "logical":
      case "let":
      case "conditional":
      case "iterate": {
        // Several body expressions: one term when they reduce to one, else a count of the body.
        const lines = this.condition(expr);
        const [only] = lines;
        return lines.length === 1 && only !== undefined && isTerm(only) ? only : this.holds(lines);
      }
      case "variable":
      case "get":
      case "coalesce":
      case "array":
      case "record":
      case "entries":
      case "length":
      case "lowercase":
      case "join":
      case "concat":
      case "numberToString":
      case "controlInput":
      case "lookup":
      case "call":
        return notACondition(expr);
      default:
        return assertNever(expr);
    }
  }

  /** Property reads: `object.get` on the reviewed object, `lib.get` on anything that may be missing. */
  private get(expr: Expr & { kind: "get" }): string {
    const { base, keys } = getChain(expr);
    const path = `[${keys.map((key) => this.value(key)).join(", ")}]`;
    if (base.kind === "variable" && base.name === this.objectVariable) {
      return `${BUILTINS.objectGet}(${base.name}, ${path}, null)`;
    }
    return `lib.get(${this.value(base)}, ${path})`;
  }

  /**
   * A value chosen by a test. Lists (the usual `test ? [violation] : []`) become comprehensions
   * over the chosen branch; other values take the only element of one of two comprehensions,
   * so that a failure in the chosen branch leaves the whole term undefined rather than picking
   * the other branch.
   */
  private conditional(expr: Expr & { kind: "conditional" }): string {
    const test = this.condition(expr.test);
    const inverse = this.condition(negate(expr.test));
    const thenItems = listItems(expr.then);
    const otherwiseItems = listItems(expr.otherwise);
    if (thenItems !== undefined && otherwiseItems !== undefined) {
      const parts = [
        ...thenItems.map((item) => this.guardedItems(item, test)),
        ...otherwiseItems.map((item) => this.guardedItems(item, inverse)),
      ];
      return parts.length === 0 ? "[]" : parts.reduce((joined, next) => `${BUILTINS.arrayConcat}(${joined}, ${next})`);
    }
    const then = this.bound(expr.then);
    const otherwise = this.bound(expr.otherwise);
    return `${BUILTINS.arrayConcat}(${this.comprehension(then.term, [...test, ...then.body])}, ${this.comprehension(otherwise.term, [...inverse, ...otherwise.body])})[0]`;
  }

  /** The elements of one array item (a value or a spread list) when `guard` holds. */
  private guardedItems(item: ArrayItem, guard: readonly string[]): string {
    if (!item.spread) {
      const { body, term } = this.bound(item.value);
      return this.comprehension(term, [...guard, ...body]);
    }
    const { body, term } = this.bound(item.value);
    const element = this.temporary("element");
    return this.comprehension(element, [...guard, ...body, `some ${element} in ${term}`]);
  }

  private array(expr: Expr & { kind: "array" }): string {
    return listParts(expr.items)
      .map((part) => (part.spread ? this.value(part.value) : `[${part.values.map((v) => this.value(v)).join(", ")}]`))
      .reduce((joined, next) => `${BUILTINS.arrayConcat}(${joined}, ${next})`);
  }

  /**
   * The `some … in …` line of an iteration, the body left to translate and the term standing
   * for the item. Iterating `Object.entries(o)` with a `[key, value]` parameter becomes
   * `some key, value in o` (the destructuring consts are consumed).
   */
  private head(expr: Expr & { kind: "iterate" }): { lines: string[]; body: Expr; item: string } {
    const names = expr.index === null ? expr.item : `${expr.index}, ${expr.item}`;
    if (expr.source.kind === "entries" && expr.index === null) {
      const [key, value, rest] = destructured(expr.body, expr.item);
      if (key !== undefined || value !== undefined) {
        const keyName = key ?? this.temporary("key");
        const valueName = value ?? this.temporary("value");
        const item = `[${keyName}, ${valueName}]`;
        const lines = [`some ${keyName}, ${valueName} in ${this.value(expr.source.object)}`];
        if (readNames(rest).has(expr.item)) lines.push(`${expr.item} := ${item}`);
        return { lines, body: rest, item };
      }
    }
    return { lines: [`some ${names} in ${this.value(expr.source)}`], body: expr.body, item: expr.item };
  }

  /**
   * The lines that bind `expr.item` to each element of the source; a source that is itself a
   * filter is fused into the same comprehension (`xs.filter(p).map(f)` is one comprehension).
   */
  private itemLines(expr: Expr & { kind: "iterate" }): { lines: string[]; body: Expr } {
    const source = expr.source;
    if (expr.index === null && source.kind === "iterate" && source.op === "filter") {
      const inner = this.head(source);
      const item = readNames(expr.body).has(expr.item) ? [`${expr.item} := ${inner.item}`] : [];
      return { lines: [...inner.lines, ...this.condition(inner.body), ...item], body: expr.body };
    }
    const { lines, body } = this.head(expr);
    return { lines, body };
  }

  private iterate(expr: Expr & { kind: "iterate" }): string {
    switch (expr.op) {
      case "filter": {
        const { lines, body, item } = this.head(expr);
        return this.comprehension(item, [...lines, ...this.condition(body)]);
      }
      case "map": {
        const { lines, body: rest } = this.itemLines(expr);
        const { body, term } = this.bound(rest);
        return this.comprehension(term, [...lines, ...body]);
      }
      case "flatMap": {
        const { lines, body: rest } = this.itemLines(expr);
        // A body yielding at most one value needs no inner list: the value under its test.
        const single = singleItem(rest);
        if (single !== undefined) {
          const consts = single.lets.map((entry) => `${entry.name} := ${this.value(entry.value)}`);
          const guard = single.test === null ? [] : this.condition(single.test);
          const { body, term } = this.bound(single.value);
          return this.comprehension(term, [...lines, ...consts, ...guard, ...body]);
        }
        const { body, term } = this.bound(rest);
        const element = this.temporary("element");
        return this.comprehension(element, [...lines, ...body, `some ${element} in ${term}`]);
      }
      case "some":
      case "every":
        return this.booleanTerm(expr);
      default:
        return assertNever(expr.op);
    }
  }
}

/** The front end makes every condition a boolean (isTrue, isPresent…): anything else is a compiler bug. */
function notACondition(expr: Expr): never {
  throw new Error(`Rego printer: a ${expr.kind} node used as a condition`);
}

/** The items of a list literal; undefined when `expr` is not one. */
function listItems(expr: Expr): readonly ArrayItem[] | undefined {
  return expr.kind === "array" ? expr.items : undefined;
}

/**
 * `let k = item[0] in let v = item[1] in rest` (a `[k, v]` parameter): the names and the rest.
 * Either name may be absent when the parameter skips it.
 */
function destructured(body: Expr, item: string): [string | undefined, string | undefined, Expr] {
  let key: string | undefined;
  let value: string | undefined;
  let rest = body;
  while (
    rest.kind === "let" &&
    rest.value.kind === "get" &&
    rest.value.object.kind === "variable" &&
    rest.value.object.name === item
  ) {
    const index = rest.value.key.kind === "literal" ? rest.value.key.value : undefined;
    if (index === 0 && key === undefined) key = rest.name;
    else if (index === 1 && value === undefined) value = rest.name;
    else break;
    rest = rest.body;
  }
  return [key, value, rest];
}

/** The operands of a chain of `||`. */
function disjuncts(expr: Expr): Expr[] {
  return expr.kind === "logical" && expr.op === "||" ? [...disjuncts(expr.left), ...disjuncts(expr.right)] : [expr];
}

/** A body line that is also a term (not `not …`, `some … in …` or an assignment). */
/** Whether a term has an operator outside brackets and strings (`a == b`, `x in list`). */
function hasTopLevelOperator(term: string): boolean {
  let depth = 0;
  for (let index = 0; index < term.length; index++) {
    const character = term[index] as string;
    if (character === '"') {
      // Skip the string literal (escapes as regoString writes them).
      for (index++; index < term.length && term[index] !== '"'; index++) if (term[index] === "\\") index++;
    } else if ("([{".includes(character)) depth++;
    else if (")]}".includes(character)) depth--;
    else if (depth === 0 && character === " ") return true;
  }
  return false;
}

function isTerm(line: string): boolean {
  return !line.startsWith("not ") && !line.startsWith("some ") && !/^\w+ := /.test(line);
}

function flattenConcat(expr: Expr & { kind: "concat" }): Expr[] {
  return expr.parts.flatMap((part) => (part.kind === "concat" ? flattenConcat(part) : [part]));
}

/** A parameter's default as a Rego term. */
function regoValue(value: ParamValue): string {
  if (typeof value === "string") return regoString(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return `[${value.map(regoString).join(", ")}]`;
}
