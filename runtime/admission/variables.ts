// A policy's `variables`, as the API server provides them (composited variables): each is
// evaluated at most once per admission, when an expression first reads it, and its value or
// error is kept. Each variable sees only the variables declared before it, as each is compiled
// in an environment holding only the earlier ones.
import { EvaluationError } from "@marcbachmann/cel-js";
import type { Activation, Compiled } from "./cel-environment.js";
import { isCelError } from "./cel-internals.js";
import { toJson } from "./cel-values.js";

export interface CompiledVariable {
  readonly name: string;
  readonly compiled: Compiled;
}

type Outcome = { readonly value: unknown } | { readonly error: unknown };

export class VariableScope {
  /** What validations and messages see: every variable. */
  readonly activation: Activation;
  private readonly outcomes = new Map<number, Outcome>();
  /** `visible[i]` is the `variables` map of variable i: getters for variables 0 … i-1. */
  private readonly visible: Array<Record<string, unknown>> = [];

  constructor(
    private readonly definitions: readonly CompiledVariable[],
    private readonly base: Omit<Activation, "variables">,
  ) {
    for (let count = 0; count <= definitions.length; count++) this.visible.push(this.mapOf(count));
    this.activation = { ...base, variables: this.visible[definitions.length] };
  }

  /** The value of every variable that evaluates without error, as JSON (evaluating those not read yet). */
  values(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.definitions.forEach(({ name }, index) => {
      const outcome = this.outcome(index);
      if ("value" in outcome) out[name] = toJson(outcome.value);
    });
    return out;
  }

  /**
   * A CEL map whose first `count` entries are getters. Own properties on a null prototype:
   * cel-js reads map fields with Object.hasOwn and treats such objects as maps.
   */
  private mapOf(count: number): Record<string, unknown> {
    const map: Record<string, unknown> = Object.create(null);
    this.definitions.slice(0, count).forEach(({ name }, index) => {
      Object.defineProperty(map, name, { enumerable: true, get: () => this.read(index) });
    });
    return map;
  }

  private read(index: number): unknown {
    const outcome = this.outcome(index);
    if ("error" in outcome) throw outcome.error;
    return outcome.value;
  }

  private outcome(index: number): Outcome {
    let outcome = this.outcomes.get(index);
    if (outcome === undefined) {
      outcome = this.evaluate(index);
      this.outcomes.set(index, outcome);
    }
    return outcome;
  }

  private evaluate(index: number): Outcome {
    const definition = this.definitions[index];
    if (definition === undefined) throw new RangeError(`no variable ${index}`);
    const { compiled } = definition;
    if ("error" in compiled) return { error: new EvaluationError(`variables.${definition.name}: ${compiled.error}`) };
    try {
      return { value: compiled.program({ ...this.base, variables: this.visible[index] }) };
    } catch (error) {
      if (!isCelError(error)) throw error;
      return { error };
    }
  }
}
