// A ValidatingAdmissionPolicy and its binding, evaluated in TypeScript as the API server would
// evaluate them for the CREATE of one object (k8s.io/apiserver admission/plugin/policy/validating):
// resource matching, params, match conditions, lazily evaluated variables, validations with their
// messages, the failure policy and the binding's validation actions. Every expression is parsed
// and type-checked once, when the policy is loaded.
import type {
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  ValidatingAdmissionPolicyBindingSpec,
  ValidatingAdmissionPolicySpec,
  Validation,
} from "kubernetes-types/admissionregistration/v1.js";
import { parseAllDocuments } from "yaml";
import { normalize } from "../input/normalize.js";
import { type Activation, type Compiled, compile } from "./cel-environment.js";
import { isCelError } from "./cel-internals.js";
import { toCel } from "./cel-values.js";
import {
  type AdmissionRequestAttributes,
  createRequest,
  matchesResources,
  requestVariable,
  unsupportedMatch,
} from "./resource-match.js";
import { type CompiledVariable, VariableScope } from "./variables.js";

export type Decision = "admit" | "deny" | "warn" | "audit" | "error";

export interface AdmissionResult {
  /** Whether the policy applies: resource rules, selectors, binding and match conditions. */
  readonly matched: boolean;
  /**
   * What a failed validation leads to under the binding's validationActions (deny, warn, audit),
   * or "error" when an expression failed under failurePolicy Fail (the API server then applies
   * the validationActions to the failure: under Deny the request is rejected).
   */
  readonly decision: Decision;
  /** The failure message of the first validation that did not pass. */
  readonly message?: string;
  /** The first evaluation error, also when failurePolicy Ignore let the object through. */
  readonly error?: string;
  /** The value of each variable that evaluates without error, as JSON ({} when not asked for). */
  readonly variables: Record<string, unknown>;
}

export interface EvaluateOptions {
  /** Report the variables' values (default true); a dry run that only wants decisions turns it off. */
  readonly variables?: boolean;
}

/**
 * An object under review as every policy reads it: its request attributes, and (on first use)
 * the object and request as CEL values, computed once however many policies review it.
 */
export class ReviewedObject {
  readonly request: AdmissionRequestAttributes | undefined;
  private values: { readonly object: unknown; readonly request: unknown } | undefined;

  constructor(readonly object: Record<string, unknown>) {
    this.request = createRequest(object);
  }

  /** `object` and `request` as CEL values; the API server decodes the object into its Go type, which has no JSON nulls left. */
  celValues(request: AdmissionRequestAttributes): { readonly object: unknown; readonly request: unknown } {
    this.values ??= { object: toCel(normalize(this.object)), request: toCel(requestVariable(request)) };
    return this.values;
  }
}

export interface PolicyFile {
  readonly policy: ValidatingAdmissionPolicy;
  readonly binding: ValidatingAdmissionPolicyBinding;
}

/** The policy and its binding from a YAML file holding both (as generated/vap/*.yaml do). */
export function parsePolicyFile(yamlText: string): PolicyFile {
  const documents = parseAllDocuments(yamlText).map((document) => {
    const [error] = document.errors;
    if (error !== undefined) throw new Error(`invalid policy YAML: ${error.message}`);
    return document.toJS() as { kind?: unknown } | null;
  });
  const policy = documents.find((document) => document?.kind === "ValidatingAdmissionPolicy");
  const binding = documents.find((document) => document?.kind === "ValidatingAdmissionPolicyBinding");
  if (policy === undefined || binding === undefined) {
    throw new Error("a policy file holds a ValidatingAdmissionPolicy and a ValidatingAdmissionPolicyBinding");
  }
  return { policy: policy as ValidatingAdmissionPolicy, binding: binding as ValidatingAdmissionPolicyBinding };
}

/** messageExpression results above this size (celconfig.MaxEvaluatedMessageExpressionSizeBytes) are dropped. */
const MAX_MESSAGE_BYTES = 5 * 1024;

interface CompiledValidation {
  readonly validation: Validation;
  readonly expression: Compiled;
  readonly messageExpression: Compiled | undefined;
}

interface CompiledCondition {
  readonly name: string;
  readonly expression: string;
  readonly compiled: Compiled;
}

function notMatched(): AdmissionResult {
  return { matched: false, decision: "admit", variables: {} };
}

export class AdmissionPolicy {
  private readonly spec: ValidatingAdmissionPolicySpec;
  private readonly bindingSpec: ValidatingAdmissionPolicyBindingSpec;
  private readonly failClosed: boolean;
  private readonly params: unknown;
  private readonly conditions: readonly CompiledCondition[];
  private readonly variables: readonly CompiledVariable[];
  private readonly validations: readonly CompiledValidation[];

  /**
   * `params` is the parameter resource the binding's paramRef selects (used when the policy has
   * a paramKind). Throws when the policy needs what a dry run does not know (see unsupportedMatch).
   */
  constructor(policy: ValidatingAdmissionPolicy, binding: ValidatingAdmissionPolicyBinding, params?: object) {
    this.spec = policy.spec ?? {};
    this.bindingSpec = binding.spec ?? {};
    const unsupported =
      unsupportedMatch(this.spec.matchConstraints, "spec.matchConstraints") ??
      unsupportedMatch(this.bindingSpec.matchResources, "binding spec.matchResources");
    if (unsupported !== undefined)
      throw new Error(`${policy.metadata?.name ?? "policy"}: a dry run cannot evaluate ${unsupported}`);
    this.failClosed = this.spec.failurePolicy !== "Ignore";
    this.params = params === undefined ? undefined : toCel(params);
    this.conditions = (this.spec.matchConditions ?? []).map(({ name, expression }) => ({
      name,
      expression,
      compiled: compile(expression),
    }));
    this.variables = (this.spec.variables ?? []).map(({ name, expression }) => ({
      name,
      compiled: compile(expression),
    }));
    this.validations = (this.spec.validations ?? []).map((validation) => ({
      validation,
      expression: compile(validation.expression),
      messageExpression: validation.messageExpression === undefined ? undefined : compile(validation.messageExpression),
    }));
  }

  evaluate(object: Record<string, unknown> | ReviewedObject, options: EvaluateOptions = {}): AdmissionResult {
    const reviewed = object instanceof ReviewedObject ? object : new ReviewedObject(object);
    const request = reviewed.request;
    if (
      request === undefined ||
      !matchesResources(this.spec.matchConstraints, request, true) ||
      !matchesResources(this.bindingSpec.matchResources, request, false)
    ) {
      return notMatched();
    }
    const params = this.boundParams();
    if (params.kind === "allow") return { matched: true, decision: "admit", variables: {} };
    if (params.kind === "missing")
      return this.failure("no params found for policy binding with `Deny` parameterNotFoundAction", {});
    const values = reviewed.celValues(request);
    const base = {
      object: values.object,
      oldObject: null,
      params: params.value,
      request: values.request,
      namespaceObject: null,
    };
    const conditions = this.matchConditions({ ...base, variables: Object.create(null) });
    if (conditions.kind === "skip") return notMatched();
    if (conditions.kind === "error") return this.failure(conditions.error, {});
    const scope = new VariableScope(this.variables, base);
    return this.validate(scope, options.variables ?? true);
  }

  /**
   * The `params` variable: null without paramKind or paramRef; otherwise the given params, or
   * what parameterNotFoundAction says when there are none ("allow" admits, "missing" fails).
   */
  private boundParams():
    | { readonly kind: "bound"; readonly value: unknown }
    | { readonly kind: "allow" }
    | { readonly kind: "missing" } {
    const paramRef = this.bindingSpec.paramRef;
    if (this.spec.paramKind === undefined || paramRef === undefined) return { kind: "bound", value: null };
    if (this.params !== undefined) return { kind: "bound", value: this.params };
    return paramRef.parameterNotFoundAction === "Allow" ? { kind: "allow" } : { kind: "missing" };
  }

  /**
   * The API server's order: any condition false skips the policy; otherwise the first error
   * goes to the failure policy; otherwise the policy applies.
   */
  private matchConditions(
    activation: Activation,
  ): { readonly kind: "match" | "skip" } | { readonly kind: "error"; readonly error: string } {
    let error: string | undefined;
    for (const condition of this.conditions) {
      const outcome = run(condition.compiled, condition.expression, activation);
      if (outcome.value === false) return { kind: "skip" };
      if (outcome.value !== true)
        error ??= outcome.error ?? `matchCondition '${condition.name}' did not evaluate to bool`;
    }
    return error === undefined ? { kind: "match" } : { kind: "error", error };
  }

  private validate(scope: VariableScope, withVariables: boolean): AdmissionResult {
    const variables = () => (withVariables ? scope.values() : {});
    let ignoredError: string | undefined;
    for (const compiled of this.validations) {
      const outcome = run(compiled.expression, compiled.validation.expression, scope.activation);
      if (outcome.error !== undefined) {
        if (this.failClosed) return this.failure(outcome.error, variables());
        ignoredError ??= outcome.error;
        continue;
      }
      // The API server denies on anything but true, also on a non-bool value.
      if (outcome.value !== true) {
        return {
          matched: true,
          decision: failedValidationDecision(this.bindingSpec.validationActions ?? []),
          message: failureMessage(compiled, scope.activation),
          variables: variables(),
        };
      }
    }
    return {
      matched: true,
      decision: "admit",
      ...(ignoredError === undefined ? {} : { error: ignoredError }),
      variables: variables(),
    };
  }

  private failure(error: string, variables: Record<string, unknown>): AdmissionResult {
    return { matched: true, decision: this.failClosed ? "error" : "admit", error, variables };
  }
}

type Outcome =
  | { readonly value: unknown; readonly error?: undefined }
  | { readonly value?: undefined; readonly error: string };

/** Evaluates `compiled`, with errors worded as the API server words them. */
function run(compiled: Compiled, expression: string, activation: Activation): Outcome {
  if ("error" in compiled) return { error: compiled.error };
  try {
    return { value: compiled.program(activation) };
  } catch (error) {
    if (!isCelError(error)) throw error;
    return { error: `expression '${expression}' resulted in error: ${error.summary}` };
  }
}

function failedValidationDecision(actions: readonly string[]): Decision {
  if (actions.includes("Deny")) return "deny";
  if (actions.includes("Warn")) return "warn";
  if (actions.includes("Audit")) return "audit";
  return "admit";
}

/**
 * The messageExpression's value when it is a non-blank single-line string within the size
 * limit; else the message; else "failed expression: <expression>" (validating/validator.go).
 */
function failureMessage({ validation, messageExpression }: CompiledValidation, activation: Activation): string {
  if (messageExpression !== undefined && validation.messageExpression !== undefined) {
    const { value } = run(messageExpression, validation.messageExpression, activation);
    if (typeof value === "string") {
      const message = value.trim();
      if (message !== "" && !message.includes("\n") && Buffer.byteLength(message, "utf8") <= MAX_MESSAGE_BYTES)
        return message;
    }
  }
  const message = validation.message?.trim() ?? "";
  return message !== "" ? message : `failed expression: ${validation.expression.trim()}`;
}
