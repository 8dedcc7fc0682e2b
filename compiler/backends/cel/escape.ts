// CEL string literals (cel-spec langdef "String and Bytes Values"): double-quoted, with the
// escapes \\ \" \a \b \f \n \r \t \v and \uXXXX / \UXXXXXXXX for other control characters.
// Printable Unicode is written as is.

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\\\",
  '"': '\\"',
  "\u0007": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
};

export function celString(value: string): string {
  if (!value.isWellFormed())
    throw new Error(`string with a lone surrogate cannot be written in CEL: ${JSON.stringify(value)}`);
  let out = '"';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    const simple = SIMPLE_ESCAPES[char];
    if (simple !== undefined) out += simple;
    else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, "0")}`;
    } else out += char;
  }
  return `${out}"`;
}

/** CEL's reserved words: never usable as identifiers or in `.field` selection. */
export const CEL_RESERVED: ReadonlySet<string> = new Set([
  "as",
  "break",
  "const",
  "continue",
  "else",
  "false",
  "for",
  "function",
  "if",
  "import",
  "in",
  "let",
  "loop",
  "package",
  "namespace",
  "null",
  "return",
  "true",
  "var",
  "void",
  "while",
]);

/**
 * Names a control's variables may not take in CEL: the reserved words, the variables of the
 * admission environment, and the types and namespaces the printed CEL names as values
 * (`type(q) == string`, `optional.of(…)`, `dyn(…)`, `has(…)`, `size(…)`).
 */
export const CEL_RESERVED_NAMES: ReadonlySet<string> = new Set([
  ...CEL_RESERVED,
  "object",
  "oldObject",
  "params",
  "request",
  "variables",
  "namespaceObject",
  "authorizer",
  "dyn",
  "has",
  "int",
  "uint",
  "double",
  "string",
  "bool",
  "bytes",
  "list",
  "map",
  "type",
  "null_type",
  "size",
  "optional",
]);

/** A field name that `.name` may select; others need `["name"]`. */
export function isCelIdentifier(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !CEL_RESERVED.has(name);
}
