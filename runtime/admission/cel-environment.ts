// The CEL environment of ValidatingAdmissionPolicies, as far as Rampart's policies need it:
// cel-js configured like the Kubernetes base environment (k8s.io/apiserver pkg/cel/environment,
// base.go) with optional types and homogeneous aggregate literals, the admission variables, and
// the cel-go and Kubernetes library functions the compiler emits (compiler/backends/cel) that
// cel-js lacks or implements differently (the regex library's `find` among them). Not modelled:
// cost limits (the Go oracle under test/ checks them), the authorizer, the parts of the quantity
// and regex libraries the compiler never emits (sign, add, findAll, …) and the libraries it
// never emits (url, ip, …).

import { Environment, EvaluationError, Optional, ParseError } from "@marcbachmann/cel-js";
import type { CelNode } from "./cel-internals.js";
import { celTypeName, isPlainMap } from "./cel-values.js";
import { compareUtf8 } from "./message.js";
import { registerQuantityFunctions } from "./quantity-functions.js";
import { rebindStringMethods } from "./string-functions.js";
import { registerTwoVariableComprehensions } from "./two-variable-comprehensions.js";

/** The variables of a validation, all `dyn`: the API server types `object` by schema, Rampart does not. */
export const ADMISSION_VARIABLES = [
  "object",
  "oldObject",
  "params",
  "request",
  "namespaceObject",
  "variables",
] as const;

export type AdmissionVariable = (typeof ADMISSION_VARIABLES)[number];
/** Values for every admission variable, already converted with `toCel`. */
export type Activation = Readonly<Record<AdmissionVariable, unknown>>;

/** A checked expression, ready to evaluate against many activations. */
export type CelProgram = (activation: Activation) => unknown;

export type Compiled = { readonly program: CelProgram } | { readonly error: string };

/**
 * cel-go `optional.ofNonZeroValue(x)`: none when x is the zero value of its type (null, false,
 * 0, 0.0, "", an empty list or map), else `optional.of(x)`. (cel-go asks the value's Zeroer
 * trait; the API server's schema-backed maps and lists lack it and count as non-zero even when
 * empty. Every emitted call selects a field next, `.?f`, where the two agree.)
 */
export function ofNonZeroValue(value: unknown): Optional<unknown> {
  return isZeroValue(value) ? Optional.none() : Optional.of(value);
}

function isZeroValue(value: unknown): boolean {
  if (value === null || value === false || value === "" || value === 0n || value === 0) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof Map) return value.size === 0;
  return isPlainMap(value) && Object.keys(value).length === 0;
}

/**
 * cel-go ext.Lists `flatten()`: one level. Elements that are lists are spliced in; other
 * elements are kept as they are; deeper lists stay nested (`[1, [2, [3]]]` → `[1, 2, [3]]`).
 */
export function flatten(list: readonly unknown[]): unknown[] {
  return list.flatMap((element) => (Array.isArray(element) ? element : [element]));
}

function createEnvironment(): Environment {
  const environment = new Environment({
    enableOptionalTypes: true,
    // The API server enables them (cel.HomogeneousAggregateLiterals): mixed literals need dyn().
    homogeneousAggregateLiterals: true,
  });
  for (const name of ADMISSION_VARIABLES) environment.registerVariable(name, "dyn");
  const sync = { async: false };
  environment.registerFunction(
    "OptionalNamespace.ofNonZeroValue(A): optional<A>",
    (_namespace: unknown, value: unknown) => ofNonZeroValue(value),
    sync,
  );
  environment.registerFunction(
    "list.flatten(): list",
    (list: unknown) => {
      if (!Array.isArray(list))
        throw new EvaluationError(`found no matching overload for 'flatten' on ${celTypeName(list)}`);
      return flatten(list);
    },
    sync,
  );
  environment.registerFunction(
    "list.sort(): list",
    (list: unknown) => {
      if (!Array.isArray(list) || !list.every((element) => typeof element === "string")) {
        throw new EvaluationError("sort() is only used on lists of strings");
      }
      return [...(list as string[])].sort(compareUtf8);
    },
    sync,
  );
  registerTwoVariableComprehensions(environment);
  registerQuantityFunctions(environment);
  // cel-js's `list<string>.join(sep)` agrees with cel-go's strings extension: "" for an empty
  // list, an error for a non-string element. Its `matches` and `lowerAscii` do not agree:
  // rebindStringMethods replaces them in each parsed expression.
  return environment;
}

/** Building an environment is the expensive part: one serves every policy. */
const environment = createEnvironment();

/**
 * Parses and type-checks `expression` once. A parse or type error is returned, not thrown: the
 * API server too keeps a policy whose expression does not compile, and fails it at admission.
 */
export function compile(expression: string): Compiled {
  let parsed: ReturnType<Environment["parse"]>;
  try {
    parsed = environment.parse(expression);
  } catch (error) {
    if (error instanceof ParseError) return { error: `compilation failed: ${error.summary}` };
    throw error;
  }
  rebindStringMethods(parsed.ast as CelNode);
  const checked = parsed.check();
  if (!checked.valid) return { error: `compilation failed: ${checked.error?.summary ?? "type check failed"}` };
  return { program: (activation) => parsed(activation) };
}
