// String methods that cel-js has under the same name as cel-go but with other semantics:
// `lowerAscii()` lowers every Unicode letter, and `matches()` compiles the pattern on every call
// as a JavaScript regex without the `u` flag (so `.` matches half of an emoji); and `find()` of
// the Kubernetes regex library, which cel-js lacks. cel-js cannot replace a registered overload,
// so each parsed call is rebound to Rampart's version through the node's macro hooks, which the
// checker and evaluator consult before the function table.
import { EvaluationError } from "@marcbachmann/cel-js";
import { re2ToJs, regexMatches } from "../../dsl/regex.js";
import { lowerAscii } from "../../dsl/strings.js";
import {
  type CelEvaluator,
  type CelNode,
  type CelType,
  type CelTypeChecker,
  type MacroHooks,
  mayBeString,
  type Scope,
} from "./cel-internals.js";
import { celTypeName } from "./cel-values.js";

/** A string method: the receiver and every argument are strings. */
interface StringMethod {
  readonly argumentCount: number;
  readonly returns: "string" | "bool";
  apply(receiver: string, args: readonly string[]): string | boolean;
}

const STRING_METHODS: ReadonlyMap<string, StringMethod> = new Map([
  ["lowerAscii", { argumentCount: 0, returns: "string", apply: (receiver) => lowerAscii(receiver) }],
  ["matches", { argumentCount: 1, returns: "bool", apply: (receiver, [pattern]) => matches(receiver, pattern ?? "") }],
  ["find", { argumentCount: 1, returns: "string", apply: (receiver, [pattern]) => find(receiver, pattern ?? "") }],
]);

/**
 * cel-go `matches`: true when the RE2 `pattern` matches anywhere in `value`; dsl/regex.ts
 * translates RE2 to an equivalent JavaScript regex. A pattern that does not compile is an
 * evaluation error, as in cel-go.
 */
export function matches(value: string, pattern: string): boolean {
  try {
    return regexMatches(pattern, value);
  } catch {
    throw new EvaluationError(`error parsing regexp: ${pattern}`);
  }
}

/**
 * The Kubernetes regex library's `find` (k8s.io/apiserver pkg/cel/library/regex.go): the first
 * match of the RE2 `pattern` in `value` (leftmost, as RE2 and JavaScript both choose it), or ""
 * when there is none. A pattern that does not compile is an evaluation error.
 */
export function find(value: string, pattern: string): string {
  return findRegex(pattern).exec(value)?.[0] ?? "";
}

/** Patterns `find` has translated, as JavaScript regexes (no `g` flag: exec keeps no state). */
const findCache = new Map<string, RegExp>();

function findRegex(pattern: string): RegExp {
  let compiled = findCache.get(pattern);
  if (compiled === undefined) {
    try {
      const { source, flags } = re2ToJs(pattern);
      compiled = new RegExp(source, flags);
    } catch {
      throw new EvaluationError(`error parsing regexp: ${pattern}`);
    }
    if (findCache.size >= 1024) findCache.clear();
    findCache.set(pattern, compiled);
  }
  return compiled;
}

interface StringCall extends MacroHooks {
  readonly name: string;
  readonly method: StringMethod;
  readonly node: CelNode;
  readonly receiver: CelNode;
  readonly args: readonly CelNode[];
}

/** Points every call of a method in STRING_METHODS, anywhere in `root`, at Rampart's version. */
export function rebindStringMethods(root: CelNode): void {
  forEachNode(root, (node) => {
    if (node.op !== "rcall") return;
    const [name, receiver, args] = node.args;
    const method = STRING_METHODS.get(name);
    if (method === undefined || args.length !== method.argumentCount) return;
    const call: StringCall = {
      name,
      method,
      node,
      receiver: receiver as CelNode,
      args: args as CelNode[],
      async: false,
      typeCheck,
      evaluate,
    };
    node.setMeta("macro", call).setMeta("async", false);
  });
}

/** Visits `value` and every node below it. Macros keep the nodes of their arguments, so the parsed tree reaches them all. */
function forEachNode(value: unknown, visit: (node: CelNode) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) forEachNode(item, visit);
    return;
  }
  if (!isNode(value)) return;
  visit(value);
  forEachNode(value.args, visit);
}

function isNode(value: unknown): value is CelNode {
  return (
    typeof value === "object" && value !== null && typeof (value as { op?: unknown }).op === "string" && "args" in value
  );
}

function typeCheck(checker: CelTypeChecker, call: StringCall, scope: Scope): CelType {
  for (const operand of [call.receiver, ...call.args]) {
    const type = checker.check(operand, scope);
    if (!mayBeString(checker, type)) {
      throw checker.createError(
        "no_matching_overload",
        `found no matching overload for '${call.name}' on ${type.type}`,
        operand,
      );
    }
  }
  return call.method.returns === "string" ? checker.stringType : checker.boolType;
}

function evaluate(evaluator: CelEvaluator, call: StringCall, scope: Scope): string | boolean {
  const receiver = evaluator.run(call.receiver, scope);
  const args = call.args.map((arg) => evaluator.run(arg, scope));
  if (typeof receiver !== "string" || !args.every((arg): arg is string => typeof arg === "string")) {
    throw new EvaluationError(`found no matching overload for '${call.name}' on ${celTypeName(receiver)}`, call.node);
  }
  return call.method.apply(receiver, args);
}
