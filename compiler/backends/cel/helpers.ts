// The CEL of the DSL's image and quantity helpers (dsl/image.ts, dsl/quantity.ts), given the CEL
// of their arguments, and the CEL idioms the printer and the helpers share (bind, listOrEmpty).
// CEL has no local bindings in the Kubernetes environment, so an intermediate value is bound by
// mapping over a one-element list (see bind); the helpers print every expression of the control
// outside their comprehensions, so the names they choose never capture a variable of the control.
import { DEFAULT_REGISTRY } from "../../../dsl/image.js";
import { celString } from "./escape.js";

/**
 * `body` with `name` bound to `value`: `[value].map(name, body)[0]`. The value is evaluated
 * once, outside the comprehension; `body` must not read another variable called `name`.
 */
export function bind(value: string, name: string, body: string): string {
  return `[${value}].map(${name}, ${body})[0]`;
}

/**
 * The list `field` of `base` (a map, or null), [] when either is missing or null: a typed
 * object's nil list is present and null at admission.
 */
export function listOrEmpty(base: string, field: string): string {
  return `(optional.ofNonZeroValue(${base}).?${field}.orValue(null) != null ? ${base}.${field} : [])`;
}

export const IMAGE_PARTS = ["registry", "repository", "tag", "digest"] as const;
export type ImagePart = (typeof IMAGE_PARTS)[number];

const TAGGED = `name.lastIndexOf(":") > name.lastIndexOf("/")`;

/** The CEL of one part, given `image` (the reference) bound as a string. */
function partOf(part: ImagePart): string {
  if (part === "digest") return `image.contains("@") ? dyn(image.substring(image.indexOf("@") + 1)) : null`;
  const inName = (body: string) => bind(`image.split("@")[0]`, "name", body);
  if (part === "tag") return inName(`${TAGGED} ? dyn(name.substring(name.lastIndexOf(":") + 1)) : null`);
  const split = bind(
    `[hasRegistry && first != "index.docker.io" ? first : ${celString(DEFAULT_REGISTRY)}, hasRegistry ? path.substring(path.indexOf("/") + 1) : path]`,
    "parts",
    part === "registry"
      ? "parts[0]"
      : `parts[0] == ${celString(DEFAULT_REGISTRY)} && !parts[1].contains("/") ? "library/" + parts[1] : parts[1]`,
  );
  const hasRegistry = bind(
    `path.contains("/") && (first.contains(".") || first.contains(":") || first == "localhost")`,
    "hasRegistry",
    split,
  );
  const first = bind(`path.split("/")[0]`, "first", hasRegistry);
  return inName(bind(`${TAGGED} ? name.substring(0, name.lastIndexOf(":")) : name`, "path", first));
}

/**
 * `parseImage(image)`, or one part of it: a map {registry, repository, tag, digest} (tag and
 * digest null when absent), or the part alone; null for a missing image. Each step splits at a
 * separator or cuts at the index of one: CEL counts code points where TypeScript counts UTF-16
 * units, but the pieces are the same.
 */
export function parseImageCel(image: string, imageIsTerm: boolean, part?: ImagePart): string {
  const body =
    part !== undefined
      ? partOf(part)
      : `{${IMAGE_PARTS.map((name) => `${celString(name)}: ${name === "tag" || name === "digest" ? partOf(name) : `dyn(${partOf(name)})`}`).join(", ")}}`;
  const subject = imageIsTerm ? image : `(${image})`;
  return `${subject} != null ? dyn(${bind(image, "image", body)}) : null`;
}

/** True when `q` (any JSON value) is a quantity: a string or a number read as its text. */
const IS_QUANTITY = `(type(q) == string || type(q) == int || type(q) == double) && isQuantity(string(q))`;

/** A quantity argument: the CEL of an expression, or the text of a literal (checked at compile time). */
export type QuantityArgument = { readonly cel: string } | { readonly literal: string };

function quantityOf(argument: QuantityArgument): string {
  return "literal" in argument ? `quantity(${celString(argument.literal)})` : `quantity(string(${argument.cel}))`;
}

/** `isQuantity(value)` for a value known only at run time. */
export function isQuantityCel(value: string): string {
  return `[dyn(${value})].all(q, ${IS_QUANTITY})`;
}

/**
 * `compareQuantities(a, b)`: quantity(a).compareTo(quantity(b)) when both are quantities, else
 * null (a ternary, or a primary when both are literals). Literals are valid quantities (the
 * compiler checks them), so only the other arguments are tested.
 */
export function compareQuantitiesCel(a: QuantityArgument, b: QuantityArgument): string {
  const comparison = `dyn(${quantityOf(a)}.compareTo(${quantityOf(b)}))`;
  const tested = [a, b].flatMap((argument) => ("cel" in argument ? [`dyn(${argument.cel})`] : []));
  if (tested.length === 0) return comparison;
  return `[${tested.join(", ")}].all(q, ${IS_QUANTITY}) ? ${comparison} : null`;
}
