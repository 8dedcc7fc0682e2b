// Every problem the compiler reports to a control author, with its code, message and hint in one
// catalogue. Inside the compiler a problem is thrown as a CompileError and caught per control, so
// one bad control never stops the others; anything else thrown is a bug and propagates.
import { displayPath } from "./frontend/source.js";
import type { SourcePosition } from "./ir/build.js";

const CATALOGUE = {
  RP1001: {
    message: "{0} is not supported in a check",
    hint: "A check uses property access, comparisons, && || ! ??, ternaries, const, array and string methods and the DSL helpers (see README, 'The check subset').",
  },
  RP1002: {
    message: "this condition has type '{0}'; conditions must be boolean",
    hint: "Compare explicitly, e.g. `x !== undefined`, `s.length > 0` or `n > 0`.",
  },
  RP1003: { message: "'{0}' compares loosely", hint: "Use === or !==." },
  RP1004: {
    message: "null is not allowed in a check",
    hint: "A missing field and null are the same thing here: compare with undefined.",
  },
  RP1005: {
    message: "'{0}' on objects or arrays compares identity, not content",
    hint: "Compare the fields you care about.",
  },
  RP1006: {
    message: "call to '{0}' is not supported",
    hint: "Call the DSL helpers, array methods some/every/filter/map/flatMap/includes, string methods startsWith/endsWith/includes/toLowerCase, or a function of your own written in the check subset.",
  },
  RP1007: {
    message: "the callback of '{0}' must be an arrow function with one or two parameters",
    hint: "Write `(item) => …` or `(item, index) => …`; destructuring one level ([a, b] or {a, b}) is allowed.",
  },
  RP1008: {
    message: "{0} is not supported in a check",
    hint: "A body is a sequence of `const` declarations and `if (…) return …;` followed by `return …;`.",
  },
  RP1009: { message: "this body does not end with a return", hint: "Every path through a check must return a list." },
  RP1010: { message: "'{0}' declarations are not supported", hint: "Use const: a check never reassigns." },
  RP1011: {
    message: "'{0}' calls itself",
    hint: "Recursion is not supported: CEL has no functions (helpers are substituted) and Rego forbids recursive rules.",
  },
  RP1012: { message: "'{0}' needs {1}", hint: "Write the value literally at the call site." },
  RP1013: {
    message: "'{0}' cannot be compiled: it is not a parameter, a local const or a helper written in the check subset",
    hint: "Move the value into the check, or make it a const or a function whose body is in the subset.",
  },
  RP1014: {
    message: "regular expression /{0}/ uses {1}, which RE2 (OPA and Kubernetes CEL) does not support",
    hint: "Stay within RE2 syntax: no lookaround, no backreferences, no named groups written (?<name>…).",
  },
  RP1015: { message: "control field '{0}' must be {1}", hint: "Control metadata is read at compile time." },
  RP1016: {
    message: "this module does not export `default control({ … })`",
    hint: "A control module's default export is the result of `control()` from the DSL.",
  },
  RP1017: {
    message: "operator '{0}' is not supported",
    hint: "Only + on strings is supported, besides comparisons and logic.",
  },
  RP1018: {
    message: "TypeScript: {0}",
    hint: "Fix the type error; controls are type-checked before they are compiled.",
  },
  RP1019: {
    message: "'{0}' only takes {1}",
    hint: "See README, 'The check subset', for what each construct accepts.",
  },
  RP1020: {
    message: "control ID {0} is already {1}",
    hint: "Your controls need IDs of their own (e.g. ORG-0001); a framework of yours can list built-in controls by ID.",
  },
  RP1021: {
    message: "framework {0} lists {1}, which is neither one of your controls nor a catalogue control",
    hint: "Check the ID; catalogue controls look like C-0016.",
  },
  RP1022: {
    message: "framework name {0} is already {1}",
    hint: "Give your framework a name of its own.",
  },
  RP1023: {
    message: "parameter '{0}' is {1}, but '{0}' is a built-in control input, a list of strings",
    hint: "Parameters share one namespace with the built-in control inputs (one --controls-config key sets both): rename the parameter, or read the built-in input itself: list it in `inputs: […]` and read context.inputs.<name>.",
  },
  RP1024: {
    message: "parameter '{0}' is declared here as {1}, but {2} declares it as {3}",
    hint: "A parameter name is one setting (one --controls-config key): declare it with the same type and default everywhere, or give one of them another name.",
  },
  RP1025: {
    message: "'{0}' is not a Kubernetes quantity",
    hint: "Write a quantity as the API server reads it: 500m, 2, 0.5, 1e3, 128Mi, 2Gi (binary suffixes end in i; 1K is not a quantity, 1k is).",
  },
} as const;

export type DiagnosticCode = keyof typeof CATALOGUE;

export interface Diagnostic extends SourcePosition {
  readonly code: DiagnosticCode;
  readonly severity: "error";
  readonly message: string;
  readonly hint: string;
  /** Length of the offending source text, for underlining. */
  readonly length: number;
}

function formatMessage(code: DiagnosticCode, args: readonly string[]): string {
  return CATALOGUE[code].message.replace(/\{(\d+)\}/g, (_, index: string) => args[Number(index)] ?? "");
}

export function makeDiagnostic(
  code: DiagnosticCode,
  args: readonly string[],
  at: SourcePosition,
  length: number,
): Diagnostic {
  return { code, severity: "error", message: formatMessage(code, args), hint: CATALOGUE[code].hint, length, ...at };
}

/** Thrown inside the compiler for a problem in a control; caught once per control. */
export class CompileError extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
    this.name = "CompileError";
  }
}

/** `file:line:column: error RP1002: message` and, when the source is known, the line underlined. */
export function formatDiagnostic(diagnostic: Diagnostic, sourceText?: string, root?: string): string {
  const head = `${displayPath(diagnostic.file, root)}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`;
  const line = sourceText?.split(/\r?\n/)[diagnostic.line - 1];
  const underline =
    line === undefined
      ? ""
      : `\n  ${line}\n  ${" ".repeat(diagnostic.column - 1)}${"~".repeat(Math.max(1, Math.min(diagnostic.length, line.length - diagnostic.column + 1)))}`;
  return `${head}${underline}\n  hint: ${diagnostic.hint}`;
}
