// One CEL expression in the admission environment, for tests of single library functions.
import { compile } from "../../runtime/admission/cel-environment.js";
import { toCel } from "../../runtime/admission/cel-values.js";

/** The raw CEL value (ints as BigInt) of `expression`, with `object` (JSON) bound as `object`. */
export function evaluate(expression: string, object: unknown = {}): unknown {
  const compiled = compile(expression);
  if ("error" in compiled) throw new Error(compiled.error);
  return compiled.program({
    object: toCel(object),
    oldObject: null,
    params: null,
    request: null,
    namespaceObject: null,
    variables: Object.create(null),
  });
}

/** The compilation error of `expression` (parse or type check), or undefined when it compiles. */
export function compileError(expression: string): string | undefined {
  const compiled = compile(expression);
  return "error" in compiled ? compiled.error : undefined;
}
