// The parts of @marcbachmann/cel-js that Rampart's CEL library extends. cel-js documents custom
// macros (README "Custom macros": a function with `ast` parameters returning {typeCheck,
// evaluate}) but types their hooks as `any`; these interfaces name what lib/macros.js (cel.bind),
// lib/registry.js (RootContext, OverlayContext, TypeDeclaration) and lib/parser.js (ASTNode)
// show them to be. Keep every use of cel-js internals behind these names. Also here: which
// errors are CEL's own, as opposed to bugs.
import { type ASTNode, TypeError as CelTypeError, EvaluationError } from "@marcbachmann/cel-js";

/** A parsed expression node (for an identifier, `op` is "id" and `args` its name). */
export type CelNode = ASTNode & {
  /** Attaches hooks the type checker and evaluator call instead of the node's own (parser.js). */
  setMeta(key: "macro", value: MacroHooks): CelNode;
  setMeta(key: "async", value: false): CelNode;
};

/** A type of the checker: kind "list" and "map" carry element types; "dyn" and "param" are open. */
export interface CelType {
  readonly kind: string;
  /** The base name: "string", "bool", "list", … */
  readonly type: string;
  readonly keyType: CelType;
  readonly valueType: CelType;
}

export interface CelTypeChecker {
  check(node: CelNode, scope: Scope): CelType;
  readonly dynType: CelType;
  readonly intType: CelType;
  readonly boolType: CelType;
  readonly stringType: CelType;
  readonly registry: {
    getListType(element: CelType): CelType;
    getMapType(key: CelType, value: CelType): CelType;
  };
  /** A type error at `node`, reported by `Environment.check` or thrown on first evaluation. */
  createError(code: string, message: string, node: CelNode): Error;
}

export interface CelEvaluator {
  run(node: CelNode, scope: Scope): unknown;
}

/** Where identifiers resolve: the evaluation's variables, or one iteration variable over a parent. */
export interface Scope {
  forkWithVariable(name: string, type: CelType): IterationScope;
}

/**
 * A scope adding one variable. It is created once, at type check, and reused by every
 * evaluation: `reuse(parent)` re-parents it onto the evaluation's scope.
 */
export interface IterationScope extends Scope {
  reuse(parent: Scope): IterationScope;
  setIterValue(value: unknown, evaluator: CelEvaluator): IterationScope;
}

/** Hooks of a macro (or of a node rebound to Rampart's implementation). */
export interface MacroHooks {
  /** Evaluation never returns a Promise: cel-js then skips its async bookkeeping. */
  readonly async: false;
  typeCheck(checker: CelTypeChecker, macro: this, scope: Scope): CelType;
  evaluate(evaluator: CelEvaluator, macro: this, scope: Scope): unknown;
}

/** What cel-js passes to a macro's handler when the parser meets a matching call. */
export interface MacroCall {
  readonly ast: CelNode;
  readonly args: readonly CelNode[];
  readonly receiver: CelNode | null;
}

/** True when values of type `type` may be strings at run time. */
export function mayBeString(checker: CelTypeChecker, type: CelType): boolean {
  return type.type === checker.stringType.type || isOpen(type);
}

/** True when values of type `type` may be booleans at run time. */
export function mayBeBool(checker: CelTypeChecker, type: CelType): boolean {
  return type.type === checker.boolType.type || isOpen(type);
}

/** `dyn` (possibly wrapping a known type) and type parameters accept any value. */
export function isOpen(type: CelType): boolean {
  return type.kind === "dyn" || type.kind === "param";
}

/** True for the errors CEL evaluation reports about its input; anything else is a bug to rethrow. */
export function isCelError(error: unknown): error is EvaluationError | CelTypeError {
  return error instanceof EvaluationError || error instanceof CelTypeError;
}
