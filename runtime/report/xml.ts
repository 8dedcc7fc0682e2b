// Escaping for XML 1.0 (https://www.w3.org/TR/xml/), used by the JUnit report.
//
//   Char      ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
//   CharData  ::= [^<&]* - ([^<&]* ']]>' [^<&]*)
//   AttValue  ::= '"' ([^<&"] | Reference)* '"'
//
// Characters outside `Char` (other C0 controls, lone surrogates, U+FFFE/U+FFFF) cannot be written
// at all, not even as character references: they become U+FFFD. In attribute values, tab, line
// feed and carriage return are written as references, since parsers normalise them to spaces.

const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const REPLACEMENT = "\uFFFD";

const TEXT_ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  ...TEXT_ESCAPES,
  '"': "&quot;",
  "'": "&apos;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** Character data (element content). `>` is escaped too, so `]]>` never appears. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML_CHAR, REPLACEMENT).replace(/[&<>]/g, (char) => TEXT_ESCAPES[char] as string);
}

/** An attribute value, to be written between double quotes. */
export function xmlAttribute(value: string): string {
  return value
    .replace(NOT_XML_CHAR, REPLACEMENT)
    .replace(/[&<>"'\t\n\r]/g, (char) => ATTRIBUTE_ESCAPES[char] as string);
}

/** `<name a="…" b="…">`, attributes in the order given; undefined values are left out. */
export function startTag(name: string, attributes: Readonly<Record<string, string | number | undefined>>): string {
  const written = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${xmlAttribute(String(value))}"`)
    .join("");
  return `<${name}${written}`;
}
