// Two-variable comprehensions, as cel-go's ext.TwoVarComprehensions defines them (in the
// Kubernetes base environment from 1.32). Over a list the first variable is the index, an int,
// and the second the element; over a map they are the key and the value. cel-js only has the
// one-variable macros, so these are custom macros: the two variables are scopes created once at
// type check and re-parented onto each evaluation's scope, the way cel-js binds `cel.bind`.
import { type Environment, EvaluationError, ParseError } from "@marcbachmann/cel-js";
import {
  type CelEvaluator,
  type CelNode,
  type CelType,
  type CelTypeChecker,
  type IterationScope,
  isCelError,
  isOpen,
  type MacroCall,
  type MacroHooks,
  mayBeBool,
  type Scope,
} from "./cel-internals.js";
import { celTypeName, isPlainMap } from "./cel-values.js";

type Operation = "all" | "exists" | "existsOne" | "transformList" | "transformMap";

interface Comprehension extends MacroHooks {
  readonly operation: Operation;
  /** How the call reads in messages, e.g. `transformList(i, v, …)`. */
  readonly call: string;
  readonly range: CelNode;
  readonly variables: readonly [string, string];
  /** The element filter of transformList/transformMap's four-argument form. */
  readonly filter: CelNode | undefined;
  /** The predicate (all, exists, existsOne) or the transform (transformList, transformMap). */
  readonly expression: CelNode;
  /** The variables' scopes, set by the type check. */
  scopes?: { readonly first: IterationScope; readonly second: IterationScope };
}

/** cel-go's macro signatures: existsOne also answers to exists_one, as in cel-go. */
const SIGNATURES: ReadonlyArray<[string, Operation]> = [
  ["dyn.all(ast, ast, ast): bool", "all"],
  ["dyn.exists(ast, ast, ast): bool", "exists"],
  ["dyn.existsOne(ast, ast, ast): bool", "existsOne"],
  ["dyn.exists_one(ast, ast, ast): bool", "existsOne"],
  ["dyn.transformList(ast, ast, ast): list", "transformList"],
  ["dyn.transformList(ast, ast, ast, ast): list", "transformList"],
  ["dyn.transformMap(ast, ast, ast): map", "transformMap"],
  ["dyn.transformMap(ast, ast, ast, ast): map", "transformMap"],
];

export function registerTwoVariableComprehensions(environment: Environment): void {
  for (const [signature, operation] of SIGNATURES) {
    environment.registerFunction(signature, (call: MacroCall) => comprehension(operation, call));
  }
}

/** Expands a call at parse time; rejects what cel-go's extractIterVars rejects. */
function comprehension(operation: Operation, { args, receiver }: MacroCall): Comprehension {
  const [first, second, third, fourth] = args;
  if (receiver === null || first === undefined || second === undefined || third === undefined) {
    throw new ParseError(`${operation} needs a receiver and at least three arguments`);
  }
  const variables = [variableName(first), variableName(second)] as const;
  if (variables[0] === variables[1]) throw new ParseError(`duplicate variable name: ${variables[0]}`, second);
  return {
    operation,
    call: `${operation}(${variables.join(", ")}, …)`,
    range: receiver,
    variables,
    filter: fourth === undefined ? undefined : third,
    expression: fourth ?? third,
    async: false,
    typeCheck,
    evaluate,
  };
}

/** cel-go: "argument must be a simple name", and none may shadow the accumulator. */
function variableName(node: CelNode): string {
  if (node.op !== "id") throw new ParseError("argument must be a simple name", node);
  if (node.args === "__result__") throw new ParseError("iteration variable overwrites accumulator variable", node);
  return node.args;
}

function typeCheck(checker: CelTypeChecker, macro: Comprehension, scope: Scope): CelType {
  const [firstType, secondType] = variableTypes(checker, checker.check(macro.range, scope), macro);
  const first = scope.forkWithVariable(macro.variables[0], firstType);
  const second = first.forkWithVariable(macro.variables[1], secondType);
  macro.scopes = { first, second };
  if (macro.filter !== undefined) expectBool(checker, macro.filter, second, `${macro.call} filter`);
  switch (macro.operation) {
    case "all":
    case "exists":
    case "existsOne":
      expectBool(checker, macro.expression, second, `${macro.call} predicate`);
      return checker.boolType;
    case "transformList":
      return checker.registry.getListType(checker.check(macro.expression, second));
    case "transformMap":
      return checker.registry.getMapType(firstType, checker.check(macro.expression, second));
  }
}

/** (index, element) of a list, (key, value) of a map; a range of unknown type binds two dyns. */
function variableTypes(checker: CelTypeChecker, range: CelType, macro: Comprehension): [CelType, CelType] {
  if (range.kind === "list") return [checker.intType, range.valueType];
  if (range.kind === "map") return [range.keyType, range.valueType];
  if (isOpen(range)) return [checker.dynType, checker.dynType];
  throw checker.createError(
    "invalid_comprehension_range",
    `${macro.call} cannot range over ${range.type}`,
    macro.range,
  );
}

function expectBool(checker: CelTypeChecker, node: CelNode, scope: Scope, what: string): void {
  const type = checker.check(node, scope);
  if (!mayBeBool(checker, type))
    throw checker.createError("invalid_condition_type", `${what} must be bool, got ${type.type}`, node);
}

function evaluate(evaluator: CelEvaluator, macro: Comprehension, scope: Scope): unknown {
  const range = evaluator.run(macro.range, scope);
  const entries = entriesOf(range, macro);
  if (macro.scopes === undefined) throw new Error(`${macro.call} was evaluated before its type check`);
  const first = macro.scopes.first.reuse(scope);
  const second = macro.scopes.second.reuse(first);
  const bind = (key: unknown, value: unknown): Scope => {
    first.setIterValue(key, evaluator);
    return second.setIterValue(value, evaluator);
  };
  const loop: Loop = { evaluator, macro, entries, bind };
  switch (macro.operation) {
    case "all":
      return quantify(loop, false);
    case "exists":
      return quantify(loop, true);
    case "existsOne":
      return existsOne(loop);
    case "transformList":
      return transformList(loop);
    case "transformMap":
      return transformMap(loop, Array.isArray(range) || range instanceof Map ? new Map() : Object.create(null));
  }
}

interface Loop {
  readonly evaluator: CelEvaluator;
  readonly macro: Comprehension;
  readonly entries: ReadonlyArray<readonly [unknown, unknown]>;
  readonly bind: (key: unknown, value: unknown) => Scope;
}

/** A list's (index, element) pairs with BigInt indexes, or a map's (key, value) pairs. */
function entriesOf(range: unknown, macro: Comprehension): ReadonlyArray<readonly [unknown, unknown]> {
  if (Array.isArray(range)) return range.map((element, index) => [BigInt(index), element] as const);
  if (range instanceof Map) return [...range];
  if (isPlainMap(range)) return Object.entries(range);
  throw new EvaluationError(`${macro.call} cannot range over ${celTypeName(range)}`);
}

/**
 * all (`decisive` false) and exists (`decisive` true) fold with && and ||, whose CEL semantics
 * absorb errors: a decisive element wins over an error in another element; otherwise the first
 * error is the result. cel-go stops at the first decisive element.
 */
function quantify({ evaluator, macro, entries, bind }: Loop, decisive: boolean): boolean {
  let error: unknown;
  for (const [key, value] of entries) {
    let result: unknown;
    try {
      result = evaluator.run(macro.expression, bind(key, value));
    } catch (caught) {
      if (!isCelError(caught)) throw caught;
      error ??= caught;
      continue;
    }
    if (result === decisive) return decisive;
    if (result !== !decisive) error ??= notBool(result, macro, "predicate");
  }
  if (error !== undefined) throw error;
  return !decisive;
}

/** cel-go counts matches with a conditional, so any error is the result; it never short-circuits. */
function existsOne({ evaluator, macro, entries, bind }: Loop): boolean {
  let count = 0;
  for (const [key, value] of entries) {
    if (test(evaluator, macro.expression, bind(key, value), macro, "predicate")) count++;
  }
  return count === 1;
}

function transformList({ evaluator, macro, entries, bind }: Loop): unknown[] {
  const out: unknown[] = [];
  for (const [key, value] of entries) {
    const scope = bind(key, value);
    if (macro.filter !== undefined && !test(evaluator, macro.filter, scope, macro, "filter")) continue;
    out.push(evaluator.run(macro.expression, scope));
  }
  return out;
}

/** Keys stay the range's: indexes (ints) for a list, which need a Map; string keys use an object. */
function transformMap(
  { evaluator, macro, entries, bind }: Loop,
  out: Map<unknown, unknown> | Record<string, unknown>,
): Map<unknown, unknown> | Record<string, unknown> {
  for (const [key, value] of entries) {
    const scope = bind(key, value);
    if (macro.filter !== undefined && !test(evaluator, macro.filter, scope, macro, "filter")) continue;
    const result = evaluator.run(macro.expression, scope);
    if (out instanceof Map) out.set(key, result);
    else out[key as string] = result;
  }
  return out;
}

function test(evaluator: CelEvaluator, node: CelNode, scope: Scope, macro: Comprehension, what: string): boolean {
  const result = evaluator.run(node, scope);
  if (typeof result !== "boolean") throw notBool(result, macro, what);
  return result;
}

function notBool(value: unknown, macro: Comprehension, what: string): EvaluationError {
  return new EvaluationError(`${macro.call} ${what} must return bool, got ${celTypeName(value)}`);
}
