// Rego string literals. Rego's double-quoted strings take JSON's escapes (\" \\ \/ \b \f \n \r \t
// \uXXXX), so JSON's encoder writes a valid Rego string for any well-formed Unicode text.

export function regoString(value: string): string {
  if (!value.isWellFormed())
    throw new Error(`string with a lone surrogate cannot be written in Rego: ${JSON.stringify(value)}`);
  return JSON.stringify(value);
}

/** Rego v1's keywords and root documents: never usable as variable or rule names. */
export const REGO_KEYWORDS: ReadonlySet<string> = new Set([
  "as",
  "contains",
  "data",
  "default",
  "else",
  "every",
  "false",
  "if",
  "import",
  "in",
  "input",
  "not",
  "null",
  "package",
  "some",
  "true",
  "with",
]);
