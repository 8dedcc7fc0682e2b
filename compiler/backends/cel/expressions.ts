// IR expressions as CEL for ValidatingAdmissionPolicies.
//
// CEL has no local bindings or functions in the Kubernetes base environment, so consts and the
// author's helpers are substituted where they are used, except that a const or an argument read
// more than once whose value is costly is bound once (see binding.ts). Missing values are
// `null`: reads are optional selections (`a.?b.?c.orValue(null)`) that never fail on an absent
// field.
// Whatever CEL cannot express throws NotExpressible, with the reason and the IR node.

import { isQuantity } from "../../../dsl/quantity.js";
import { assertNever, type CompareOp, type ControlFunction, type Expr } from "../../ir/nodes.js";
import { getChain, listParts, singleItem } from "../../ir/shapes.js";
import { costly, readCount } from "./binding.js";
import { CEL_RESERVED_NAMES, celString, isCelIdentifier } from "./escape.js";
import { type CelFeature, FEATURE_NAMES, firstVersionWith, type KubernetesVersion, supports } from "./features.js";
import { commandFlagsCel } from "./flags.js";
import {
  bind,
  compareQuantitiesCel,
  IMAGE_PARTS,
  isQuantityCel,
  parseImageCel,
  type QuantityArgument,
} from "./helpers.js";
import { type CelRequest, ruleAllowsCel, rulesAllowingCel } from "./rbac.js";
import { mapSelectorMatchesCel, selectorMatchesCel } from "./selectors.js";

export class NotExpressible extends Error {
  constructor(
    readonly reason: string,
    readonly node: Expr,
  ) {
    super(reason);
    this.name = "NotExpressible";
  }
}

/** Policy-level variables the expressions may use (see vap.ts for their definitions). */
export type PolicyVariable =
  | "podSpec"
  | "podSpecPath"
  | "podMetadata"
  | "containerRefs"
  | "initContainerRefs"
  | "ephemeralContainerRefs"
  | "containerPortRefs"
  | "initContainerPortRefs"
  | "ephemeralContainerPortRefs";

/** Precedence levels: ternary < || < && < relations < + < unary < member/call/literal. */
enum Level {
  Ternary = 0,
  Or = 1,
  And = 2,
  Relation = 3,
  Sum = 4,
  Unary = 5,
  Primary = 6,
}

interface Cel {
  readonly text: string;
  readonly level: Level;
}

const COMPARE: Record<CompareOp, string> = { "===": "==", "!==": "!=", "<": "<", "<=": "<=", ">": ">", ">=": ">=" };
const STRING_TESTS = { startsWith: "startsWith", endsWith: "endsWith", includes: "contains" } as const;

/** How a variable of the IR is written in CEL. */
type Binding =
  /** Substituted: the expression is printed where the variable is read. */
  | { readonly kind: "expr"; readonly expr: Expr }
  /** An iteration variable: an element of a list, never missing. */
  | { readonly kind: "cel"; readonly text: string }
  /** A value bound once (see bind), which may be missing. */
  | { readonly kind: "value"; readonly text: string }
  /** The `[key, value]` pair of an Object.entries iteration: CEL iterates the map with two variables. */
  | { readonly kind: "entry"; readonly key: string; readonly value: string };

function primary(text: string): Cel {
  return { text, level: Level.Primary };
}

export class CelExpressions {
  private readonly env = new Map<string, Binding>();
  private readonly functions: ReadonlyMap<string, ControlFunction>;
  /** The policy variables the printed CEL reads (not those they read in turn: see vap.ts). */
  readonly usedVariables = new Set<PolicyVariable>();
  readonly usedFeatures = new Set<CelFeature>();
  /** Names the printed CEL may not give a variable it introduces: the control's own, and those given so far. */
  private readonly taken: Set<string>;

  /**
   * @param names every variable name of the control's IR (its check and its functions, which
   * are substituted into it), so that the names the printer introduces never capture one.
   */
  constructor(
    private readonly objectVariable: string,
    functions: readonly ControlFunction[],
    private readonly version: KubernetesVersion,
    names: Iterable<string>,
  ) {
    this.functions = new Map(functions.map((fn) => [fn.name, fn]));
    this.taken = new Set([...CEL_RESERVED_NAMES, ...names]);
  }

  /** A variable name for the printer's own use, unlike any of the control's or any given before. */
  private fresh(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.taken.has(name); n++) name = `${wanted}_${n}`;
    this.taken.add(name);
    return name;
  }

  print(expr: Expr): string {
    return this.cel(expr).text;
  }

  private need(feature: CelFeature, node: Expr): void {
    if (!supports(this.version, feature)) {
      throw new NotExpressible(
        `needs ${FEATURE_NAMES[feature]}, available from Kubernetes ${firstVersionWith(feature)} (target is 1.${this.version.minor})`,
        node,
      );
    }
    this.usedFeatures.add(feature);
  }

  private wrap(value: Cel, atLeast: Level): string {
    return value.level >= atLeast ? value.text : `(${value.text})`;
  }

  private withBindings<T>(bindings: ReadonlyArray<[string, Binding]>, print: () => T): T {
    const saved = bindings.map(([name]) => [name, this.env.get(name)] as const);
    for (const [name, binding] of bindings) this.env.set(name, binding);
    try {
      return print();
    } finally {
      for (const [name, previous] of saved) {
        if (previous === undefined) this.env.delete(name);
        else this.env.set(name, previous);
      }
    }
  }

  private cel(expr: Expr): Cel {
    switch (expr.kind) {
      case "literal":
        return primary(literal(expr.value));
      case "variable":
        return this.variable(expr);
      case "get":
        return this.get(expr);
      case "compare":
        return this.binary(
          this.cel(expr.left),
          COMPARE[expr.op],
          this.cel(expr.right),
          Level.Relation,
          Level.Sum,
          Level.Sum,
        );
      case "logical":
        return expr.op === "&&"
          ? this.binary(this.cel(expr.left), "&&", this.cel(expr.right), Level.And, Level.And, Level.Relation)
          : this.binary(this.cel(expr.left), "||", this.cel(expr.right), Level.Or, Level.Or, Level.And);
      case "not":
        return { text: `!${this.wrap(this.cel(expr.operand), Level.Unary)}`, level: Level.Unary };
      case "isTrue":
        return this.binary(this.cel(expr.operand), "==", primary("true"), Level.Relation, Level.Sum, Level.Sum);
      case "isPresent":
        return this.binary(this.present(expr.operand), "!=", primary("null"), Level.Relation, Level.Sum, Level.Sum);
      case "coalesce":
        return this.coalesce(expr);
      case "conditional":
        return {
          text: `${this.wrap(this.cel(expr.test), Level.Or)} ? ${this.wrap(this.cel(expr.then), Level.Or)} : ${this.cel(expr.otherwise).text}`,
          level: Level.Ternary,
        };
      case "let":
        return this.substituteOrBind(expr.name, expr.value, expr.body, () => this.cel(expr.body));
      case "array":
        return this.array(expr);
      case "record":
        return primary(
          `{${expr.fields.map((field) => `${celString(field.key)}: ${this.recordValue(field.value)}`).join(", ")}}`,
        );
      case "iterate":
        return this.iterate(expr);
      case "entries":
        throw new NotExpressible("uses Object.entries other than to iterate over it or count it", expr);
      case "includes":
        return this.binary(this.cel(expr.element), "in", this.cel(expr.array), Level.Relation, Level.Sum, Level.Sum);
      case "length":
        return primary(`size(${this.sized(expr.operand)})`);
      case "stringTest":
        return primary(
          `${this.wrap(this.cel(expr.subject), Level.Primary)}.${STRING_TESTS[expr.op]}(${this.cel(expr.argument).text})`,
        );
      case "lowercase":
        throw new NotExpressible(
          "uses toLowerCase(), which lowers all of Unicode while CEL lowers ASCII only: use lowerAscii() from the DSL",
          expr,
        );
      case "regexTest":
        return primary(`${this.wrap(this.cel(expr.subject), Level.Primary)}.matches(${this.cel(expr.pattern).text})`);
      case "join":
        this.need("stringsExtension", expr);
        return primary(`${this.wrap(this.cel(expr.array), Level.Primary)}.join(${this.cel(expr.separator).text})`);
      case "concat": {
        const parts = expr.parts.map((part) => this.cel(part));
        const [first] = parts;
        if (parts.length === 1 && first !== undefined) return first;
        return { text: parts.map((part) => this.wrap(part, Level.Unary)).join(" + "), level: Level.Sum };
      }
      case "numberToString":
        return primary(`string(${this.cel(expr.operand).text})`);
      case "controlInput": {
        const field = this.selectors([nameLiteral(expr)]);
        const fallback = Array.isArray(expr.fallback)
          ? `[${expr.fallback.map((item) => celString(item)).join(", ")}]`
          : literal(expr.fallback as string | number | boolean);
        return primary(`params.?spec${field}.orValue(${fallback})`);
      }
      case "lookup":
        throw new NotExpressible(
          `reads other objects of the scan (${expr.objectKind}); admission sees one object at a time`,
          expr,
        );
      case "helper":
        return this.helper(expr);
      case "call":
        return this.call(expr);
      default:
        return assertNever(expr);
    }
  }

  private binary(left: Cel, op: string, right: Cel, level: Level, leftAtLeast: Level, rightAtLeast: Level): Cel {
    return { text: `${this.wrap(left, leftAtLeast)} ${op} ${this.wrap(right, rightAtLeast)}`, level };
  }

  private variable(expr: Expr & { kind: "variable" }): Cel {
    if (expr.name === this.objectVariable) return primary("object");
    const binding = this.env.get(expr.name);
    if (binding === undefined) throw new Error(`CEL printer: unbound variable ${expr.name}`);
    switch (binding.kind) {
      case "expr":
        return this.cel(binding.expr);
      case "cel":
      case "value":
        return primary(binding.text);
      case "entry":
        throw new NotExpressible("uses a [key, value] pair of Object.entries as a whole value", expr);
      default:
        return assertNever(binding);
    }
  }

  /**
   * A read `base.k1.k2…` as an optional chain ending in `.orValue(null)`. Consts and parameters
   * are looked through, so `const sc = c.securityContext; sc?.privileged` is one chain. After an
   * index (`m[?key]`, `l[?0]`) the API server's type checker leaves the optional's value type
   * open, so `.orValue(null)` would have type null, which no comparison or ternary with a string
   * accepts: the fallback is then `dyn(null)`.
   */
  private get(expr: Expr & { kind: "get" }): Cel {
    const entryPart = this.entryPart(expr);
    if (entryPart !== undefined) return primary(entryPart);
    const imagePart = this.imagePart(expr);
    if (imagePart !== undefined) return imagePart;
    const chain = this.optionalChain(expr);
    const key = expr.key;
    const selected = key.kind === "literal" && typeof key.value === "string" && isCelIdentifier(key.value);
    return primary(`${chain}.orValue(${selected ? "null" : "dyn(null)"})`);
  }

  /** What is tested for presence: parseImage(x) is present exactly when x is. */
  private present(operand: Expr): Cel {
    const value = this.resolve(operand);
    const image = value.kind === "helper" && value.name === "parseImage" ? value.args[0] : undefined;
    return this.cel(image ?? operand);
  }

  /** `parseImage(x).tag` and the like: only that part of the reference is computed. */
  private imagePart(expr: Expr & { kind: "get" }): Cel | undefined {
    const base = this.resolve(expr.object);
    const key = expr.key.kind === "literal" ? expr.key.value : undefined;
    const part = IMAGE_PARTS.find((name) => name === key);
    if (base.kind !== "helper" || base.name !== "parseImage" || part === undefined) return undefined;
    this.need("stringsExtension", base);
    const image = this.cel(base.args[0] ?? nullLiteral(base));
    return { text: parseImageCel(image.text, image.level >= Level.Sum, part), level: Level.Ternary };
  }

  /** `entry[0]` / `entry[1]` of an Object.entries pair: the key or value variable of the map iteration. */
  private entryPart(expr: Expr & { kind: "get" }): string | undefined {
    const base = this.resolve(expr.object);
    const binding = base.kind === "variable" ? this.env.get(base.name) : undefined;
    if (binding?.kind !== "entry" || expr.key.kind !== "literal") return undefined;
    if (expr.key.value === 0) return binding.key;
    if (expr.key.value === 1) return binding.value;
    return undefined;
  }

  /** `base.?k1.?k2` (an optional value) for a get expression. */
  private optionalChain(expr: Expr & { kind: "get" }): string {
    const keys: Expr[] = [];
    let base: Expr = expr;
    for (;;) {
      if (base.kind === "get") {
        const chain = getChain(base);
        keys.unshift(...chain.keys);
        base = chain.base;
        continue;
      }
      if (base.kind === "variable" && base.name !== this.objectVariable) {
        const binding = this.env.get(base.name);
        if (binding?.kind === "expr") {
          base = binding.expr;
          continue;
        }
        if (binding?.kind === "entry" && keys[0]?.kind === "literal" && (keys[0].value === 0 || keys[0].value === 1)) {
          // A lone `entry[0]` or `entry[1]` is entryPart's: keys follow the pair's part here.
          const text = keys[0].value === 0 ? binding.key : binding.value;
          keys.shift();
          return `${text}${this.selectors(keys)}`;
        }
      }
      break;
    }
    const root = this.chainRoot(base);
    return `${root}${this.selectors(keys)}`;
  }

  /** The start of an optional chain: the object and iteration variables are never missing; anything else may be. */
  private chainRoot(base: Expr): string {
    if (base.kind === "variable" && this.env.get(base.name)?.kind !== "value") return this.cel(base).text;
    return `optional.ofNonZeroValue(${this.cel(base).text})`;
  }

  private selectors(keys: readonly Expr[]): string {
    return keys
      .map((key) => {
        if (key.kind === "literal" && typeof key.value === "string") {
          return isCelIdentifier(key.value) ? `.?${key.value}` : `[?${celString(key.value)}]`;
        }
        return `[?${this.cel(key).text}]`;
      })
      .join("");
  }

  /**
   * `left ?? right`. A field can be present and null at admission (a typed object's nil list,
   * e.g. a pod spec without containers), so the fallback applies to null as well as absence.
   */
  private coalesce(expr: Expr & { kind: "coalesce" }): Cel {
    const choose = (left: Cel) => ({
      text: `${this.wrap(left, Level.Sum)} != null ? ${this.wrap(left, Level.Or)} : ${this.cel(expr.right).text}`,
      level: Level.Ternary,
    });
    if (!costly(expr.left, this.functions)) return choose(this.cel(expr.left));
    const name = this.fresh("value");
    return primary(bind(this.cel(expr.left).text, name, choose(primary(name)).text));
  }

  /**
   * `print()` with the IR variable `name` standing for `value`: substituted where it is read,
   * or, when `body` reads it more than once and the value is worth computing once, bound to a
   * CEL variable of the same name (IR names are unique in a control, so it captures nothing).
   */
  private substituteOrBind(name: string, value: Expr, body: Expr, print: () => Cel): Cel {
    if (!costly(value, this.functions) || readCount(body, name) < 2) {
      return this.withBindings([[name, { kind: "expr", expr: value }]], print);
    }
    const text = this.cel(value).text;
    return primary(bind(text, name, this.withBindings([[name, { kind: "value", text: name }]], print).text));
  }

  private array(expr: Expr & { kind: "array" }): Cel {
    const parts = listParts(expr.items).map((part) =>
      part.spread
        ? this.wrap(this.cel(part.value), Level.Unary)
        : `[${part.values.map((value) => this.cel(value).text).join(", ")}]`,
    );
    return { text: parts.join(" + "), level: parts.length > 1 ? Level.Sum : Level.Primary };
  }

  /** Record values are wrapped in dyn() so that a literal mixing types stays homogeneous. */
  private recordValue(value: Expr): string {
    return `dyn(${this.cel(value).text})`;
  }

  /** The operand of `.length`: a map when it counts Object.entries. */
  private sized(operand: Expr): string {
    const entries = this.entriesMap(operand);
    return entries ?? this.cel(operand).text;
  }

  /**
   * An Object.entries list is a map in CEL: `Object.entries(m)` is `m`, and filtering it keeps
   * a map (transformMap). Undefined when `expr` is not such a list.
   */
  private entriesMap(expr: Expr): string | undefined {
    const inner = this.resolve(expr);
    if (inner.kind === "entries") return this.wrap(this.cel(inner.object), Level.Primary);
    if (inner.kind === "iterate" && inner.op === "filter" && this.entriesMap(inner.source) !== undefined) {
      return this.iterate(inner).text;
    }
    return undefined;
  }

  private iterate(expr: Expr & { kind: "iterate" }): Cel {
    const map = this.entriesMap(expr.source);
    if (map !== undefined) return this.iterateEntries(expr, map);
    const source = this.wrap(this.cel(expr.source), Level.Primary);
    const item = expr.item;
    return this.withBindings([[item, { kind: "cel", text: item }]], () => {
      if (expr.index === null) return this.comprehension(expr, source, [item]);
      this.need("twoVariableComprehensions", expr);
      const index = expr.index;
      return this.withBindings([[index, { kind: "cel", text: index }]], () =>
        this.comprehension(expr, source, [index, item]),
      );
    });
  }

  /**
   * `expr.op` over the list (or map) `source` with the comprehension's variables: the item, or
   * the index and the item (the key and the value of a map), which need the two-variable forms
   * (transformList for map and filter).
   */
  private comprehension(expr: Expr & { kind: "iterate" }, source: string, variables: readonly string[]): Cel {
    const names = variables.join(", ");
    const item = variables.at(-1);
    const indexed = variables.length > 1;
    /** `source` with each element replaced by `args` (a value, or a test and a value). */
    const mapped = (args: string) => `${source}.${indexed ? "transformList" : "map"}(${names}, ${args})`;
    switch (expr.op) {
      case "some":
        return primary(`${source}.exists(${names}, ${this.cel(expr.body).text})`);
      case "every":
        return primary(`${source}.all(${names}, ${this.cel(expr.body).text})`);
      case "filter":
        return primary(
          indexed
            ? mapped(`${this.cel(expr.body).text}, ${item}`)
            : `${source}.filter(${names}, ${this.cel(expr.body).text})`,
        );
      case "map":
        return primary(mapped(this.cel(expr.body).text));
      case "flatMap": {
        const carried = this.carriedItem(expr.body, source, variables, indexed);
        if (carried !== undefined) return primary(carried);
        const single = this.singleItem(expr.body);
        if (single !== undefined)
          return primary(mapped(single.test === undefined ? single.value : `${single.test}, ${single.value}`));
        this.need("listsExtension", expr);
        return primary(`${mapped(this.cel(expr.body).text)}.flatten()`);
      }
      default:
        return assertNever(expr.op);
    }
  }

  /** Iteration over Object.entries: a two-variable comprehension over the map. */
  private iterateEntries(expr: Expr & { kind: "iterate" }, map: string): Cel {
    this.need("twoVariableComprehensions", expr);
    if (expr.index !== null) throw new NotExpressible("iterates over Object.entries with an index", expr);
    const key = this.fresh(`${expr.item}Key`);
    const value = this.fresh(`${expr.item}Value`);
    const binding: Binding = { kind: "entry", key, value };
    return this.withBindings([[expr.item, binding]], () => {
      if (expr.op === "filter") {
        return primary(`${map}.transformMap(${key}, ${value}, ${this.cel(expr.body).text}, ${value})`);
      }
      return this.comprehension(expr, map, [key, value]);
    });
  }

  /**
   * A flatMap body yielding at most one value (see the IR's singleItem) whose consts include a
   * costly value read more than once (a container's flags): each element is first carried with
   * its consts, computed once, `source.map(item, [item, const…])`, then filtered by the test and
   * mapped to the value, which read them from the carried list. Undefined for other bodies.
   */
  private carriedItem(body: Expr, source: string, variables: readonly string[], indexed: boolean): string | undefined {
    const single = singleItem(body);
    if (single === undefined) return undefined;
    const readers = [
      ...single.lets.map((entry) => entry.value),
      single.value,
      ...(single.test === null ? [] : [single.test]),
    ];
    const reads = (name: string) => readers.reduce((sum, reader) => sum + readCount(reader, name), 0);
    if (!single.lets.some((entry) => costly(entry.value, this.functions) && reads(entry.name) > 1)) return undefined;
    const carried = this.fresh("carried");
    const names = variables.join(", ");
    // The consts, each printed with the earlier ones substituted, after the comprehension's variables.
    const values: string[] = [];
    const earlier: Array<[string, Binding]> = [];
    for (const entry of single.lets) {
      values.push(`dyn(${this.withBindings(earlier, () => this.cel(entry.value)).text})`);
      earlier.push([entry.name, { kind: "expr", expr: entry.value }]);
    }
    const elements = [...variables.map((variable) => `dyn(${variable})`), ...values].join(", ");
    const list = `${source}.${indexed ? "transformList" : "map"}(${names}, [${elements}])`;
    const offsets: Array<[string, Binding]> = [
      ...variables.map((variable, index): [string, Binding] => [
        variable,
        { kind: "cel", text: `${carried}[${index}]` },
      ]),
      ...single.lets.map((entry, index): [string, Binding] => [
        entry.name,
        { kind: "value", text: `${carried}[${variables.length + index}]` },
      ]),
    ];
    return this.withBindings(offsets, () => {
      const value = this.cel(single.value).text;
      if (single.test === null) return `${list}.map(${carried}, ${value})`;
      return `${list}.filter(${carried}, ${this.cel(single.test).text}).map(${carried}, ${value})`;
    });
  }

  /**
   * A flatMap body yielding at most one value (see the IR's singleItem): the value, and the test
   * under which it is yielded, printed with the body's consts substituted.
   */
  private singleItem(body: Expr): { test?: string; value: string } | undefined {
    const single = singleItem(body);
    if (single === undefined) return undefined;
    const bindings = single.lets.map((entry): [string, Binding] => [entry.name, { kind: "expr", expr: entry.value }]);
    return this.withBindings(bindings, () => ({
      ...(single.test === null ? {} : { test: this.cel(single.test).text }),
      value: this.cel(single.value).text,
    }));
  }

  /** `expr` with consts and parameters looked through. */
  private resolve(expr: Expr): Expr {
    let inner = expr;
    for (;;) {
      const binding = inner.kind === "variable" ? this.env.get(inner.name) : undefined;
      if (binding?.kind !== "expr") return inner;
      inner = binding.expr;
    }
  }

  private helper(expr: Expr & { kind: "helper" }): Cel {
    const subject = expr.args[0] === undefined ? undefined : this.resolve(expr.args[0]);
    const onReviewedObject = subject?.kind === "variable" && subject.name === this.objectVariable;
    switch (expr.name) {
      case "podSpec":
      case "podSpecPath":
      case "podMetadata":
        if (!onReviewedObject)
          throw new NotExpressible(`calls ${expr.name}() on an object other than the one under review`, expr);
        this.usedVariables.add(expr.name);
        return primary(`variables.${expr.name}`);
      case "containers":
      case "containerPorts": {
        if (!onReviewedObject)
          throw new NotExpressible(`calls ${expr.name}() on an object other than the one under review`, expr);
        const [, init, ephemeral] = expr.args;
        const kinds: Array<"container" | "initContainer" | "ephemeralContainer"> = ["container"];
        if (init?.kind === "literal" && init.value === true) kinds.push("initContainer");
        if (ephemeral?.kind === "literal" && ephemeral.value === true) kinds.push("ephemeralContainer");
        this.need("twoVariableComprehensions", expr);
        // The ports of each container are one list per container: flatten() joins them.
        if (expr.name === "containerPorts") this.need("listsExtension", expr);
        const lists = kinds.map((kind): PolicyVariable => {
          const list: PolicyVariable = expr.name === "containerPorts" ? `${kind}PortRefs` : `${kind}Refs`;
          this.usedVariables.add(list);
          return list;
        });
        const text = lists.map((list) => `variables.${list}`).join(" + ");
        return { text, level: lists.length > 1 ? Level.Sum : Level.Primary };
      }
      case "ruleAllows":
      case "rulesAllowing": {
        const [subject, request] = expr.args;
        if (subject === undefined || request === undefined)
          throw new Error(`CEL printer: ${expr.name} takes two arguments`);
        const celRequest = this.rbacRequest(request);
        // Requested subresources are cut at their "/" (strings extension); rules are listed with their index.
        if (celRequest.resource !== undefined) this.need("stringsExtension", expr);
        if (expr.name === "rulesAllowing") this.need("twoVariableComprehensions", expr);
        const text =
          expr.name === "ruleAllows"
            ? ruleAllowsCel(this.cel(subject).text, celRequest)
            : rulesAllowingCel(this.cel(subject).text, celRequest);
        return primary(text);
      }
      case "commandFlags": {
        const [ref, names] = expr.args;
        const resolved = names === undefined ? undefined : this.resolve(names);
        if (ref === undefined || resolved?.kind !== "array")
          throw new Error("CEL printer: commandFlags takes a container and an array of names");
        // Each element is indexed (transformList) and cut at its "=" (strings extension).
        this.need("twoVariableComprehensions", expr);
        this.need("stringsExtension", expr);
        const literals = resolved.items.map((item) => {
          const value = this.resolve(item.value);
          if (value.kind !== "literal" || typeof value.value !== "string")
            throw new Error("CEL printer: commandFlags names are string literals");
          return value.value;
        });
        return primary(commandFlagsCel(this.cel(ref).text, literals));
      }
      case "selectorMatches":
      case "mapSelectorMatches": {
        const [selector, labels] = expr.args.map((arg) => this.cel(arg).text);
        if (selector === undefined || labels === undefined)
          throw new Error(`CEL printer: ${expr.name} takes two arguments`);
        return primary(
          expr.name === "selectorMatches"
            ? selectorMatchesCel(selector, labels)
            : mapSelectorMatchesCel(selector, labels),
        );
      }
      case "lowerAscii":
        this.need("stringsExtension", expr);
        return primary(`${this.wrap(this.cel(expr.args[0] ?? nullLiteral(expr)), Level.Primary)}.lowerAscii()`);
      case "namespaceOf":
        return primary(
          `${this.wrap(this.cel(expr.args[0] ?? nullLiteral(expr)), Level.Primary)}.metadata.?namespace.orValue("default")`,
        );
      case "parseImage": {
        this.need("stringsExtension", expr);
        const image = this.cel(expr.args[0] ?? nullLiteral(expr));
        return { text: parseImageCel(image.text, image.level >= Level.Sum), level: Level.Ternary };
      }
      case "isQuantity": {
        this.need("quantityLibrary", expr);
        const argument = this.quantityArgument(expr.args[0] ?? nullLiteral(expr));
        if ("literal" in argument) return primary(String(argument.literal !== null));
        return primary(isQuantityCel(argument.cel));
      }
      case "compareQuantities": {
        this.need("quantityLibrary", expr);
        const [a, b] = expr.args.map((arg) => this.quantityArgument(arg));
        if (a === undefined || b === undefined) throw new Error("CEL printer: compareQuantities takes two arguments");
        if (("literal" in a && a.literal === null) || ("literal" in b && b.literal === null)) return primary("null");
        const text = compareQuantitiesCel(a as QuantityArgument, b as QuantityArgument);
        return { text, level: "cel" in a || "cel" in b ? Level.Ternary : Level.Primary };
      }
      default:
        return assertNever(expr.name);
    }
  }

  /** The CEL of the lists of a request record (see the IR's Helper). */
  private rbacRequest(request: Expr): CelRequest {
    const record = this.resolve(request);
    if (record.kind !== "record") throw new Error("CEL printer: an RBAC request is a record");
    const field = (key: string) => {
      const value = record.fields.find((entry) => entry.key === key)?.value;
      return value === undefined || (value.kind === "literal" && value.value === null)
        ? undefined
        : this.cel(value).text;
    };
    const verbs = field("verbs") ?? "[]";
    const nonResourceURLs = field("nonResourceURLs");
    if (nonResourceURLs !== undefined) return { verbs, nonResourceURLs };
    return {
      verbs,
      resource: {
        apiGroups: field("apiGroups") ?? "[]",
        resources: field("resources") ?? "[]",
        resourceNames: field("resourceNames") ?? "[]",
      },
    };
  }

  /**
   * A quantity argument: the text of a literal that is a quantity (null for any other literal,
   * which can never be one), else the CEL of the value. Consts are looked through.
   */
  private quantityArgument(arg: Expr): QuantityArgument | { readonly literal: null } {
    const value = this.resolve(arg);
    if (value.kind !== "literal") return { cel: this.cel(arg).text };
    const text = typeof value.value === "number" ? String(value.value) : value.value;
    return { literal: typeof text === "string" && isQuantity(text) ? text : null };
  }

  /** The author's helpers are substituted (CEL has no user functions), each argument as a const. */
  private call(expr: Expr & { kind: "call" }): Cel {
    const fn = this.functions.get(expr.name);
    if (fn === undefined) throw new Error(`CEL printer: unknown function ${expr.name}`);
    const withParams = (index: number): Cel => {
      const param = fn.params[index];
      if (param === undefined) return this.cel(fn.body);
      return this.substituteOrBind(param, expr.args[index] ?? nullLiteral(expr), fn.body, () => withParams(index + 1));
    };
    return withParams(0);
  }
}

function literal(value: string | number | boolean | null): string {
  if (value === null) return "null";
  if (typeof value === "string") return celString(value);
  if (typeof value === "boolean") return String(value);
  if (Number.isInteger(value)) return String(value);
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

function nullLiteral(at: Expr): Expr {
  return Object.freeze({ id: at.id, kind: "literal", value: null });
}

/** The name of a control input as a key to select. */
function nameLiteral(at: Expr & { kind: "controlInput" }): Expr {
  return Object.freeze({ id: at.id, kind: "literal", value: at.name });
}
