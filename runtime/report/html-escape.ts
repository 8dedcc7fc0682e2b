// Escaping for the HTML report. Every interpolation in an `html` template is escaped unless it
// is already markup built by `html` itself, so text from manifests, controls or exceptions can
// only ever become text.

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "\u0000": "\uFFFD",
};

/**
 * Text for element content and for double-quoted attribute values (HTML Living Standard,
 * "13.1.2.6 Restrictions on the contents of raw text and escapable raw text elements" and
 * "13.2.5 Tokenization"): `&` starts a character reference, `<` a tag, `"` ends a
 * double-quoted attribute value. `>` and `'` are escaped as well so that the result is safe in
 * any text or quoted-attribute position; NUL, which the parser replaces anyway, becomes U+FFFD.
 * Text is never placed in `<script>`, `<style>`, unquoted attributes or URLs.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\u0000]/g, (character) => ENTITIES[character] ?? character);
}

/** Markup that is already safe: only `html` and `joinHtml` make one. */
export class SafeHtml {
  readonly #markup: string;
  constructor(markup: string, token: typeof SAFE) {
    if (token !== SAFE) throw new TypeError("SafeHtml is made by html`…` only");
    this.#markup = markup;
  }
  toString(): string {
    return this.#markup;
  }
}

const SAFE = Symbol("safe-html");

export type HtmlValue = string | number | SafeHtml | readonly SafeHtml[] | null | undefined | false;

function fragment(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.toString();
  if (typeof value === "number") return escapeHtml(String(value));
  if (typeof value === "string") return escapeHtml(value);
  return value.map((item) => item.toString()).join("");
}

/** A template whose interpolations are escaped (strings, numbers) or nested markup. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let markup = strings[0] ?? "";
  values.forEach((value, index) => {
    markup += fragment(value) + (strings[index + 1] ?? "");
  });
  return new SafeHtml(markup, SAFE);
}

/**
 * A `<style>` element for a stylesheet that is part of Rampart (never user text). Style is a raw
 * text element: nothing inside is decoded, and only `</style` ends it, which is refused.
 */
export function styleElement(css: string): SafeHtml {
  if (/<\/style/i.test(css)) throw new Error("a stylesheet cannot contain </style");
  return new SafeHtml(`<style>${css}</style>`, SAFE);
}

export function joinHtml(parts: readonly SafeHtml[], separator = ""): SafeHtml {
  return new SafeHtml(parts.map((part) => part.toString()).join(escapeHtml(separator)), SAFE);
}
