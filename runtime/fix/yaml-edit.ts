// Applies JSON patch operations to one object of a YAML (or JSON) file by editing its text where
// the fields are, so that everything else — comments, key order, quoting, indentation, the other
// documents — stays byte for byte. Each edit is checked by parsing the result again: the object
// must then be exactly the patched object, or the edit is refused (never written half-right).
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  stringify,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import { parseManifestText } from "../input/manifest-text.js";
import { applyPatch, PatchError, type PatchOperation, pointerTokens } from "./json-patch.js";

/** Which object of a file: its document and, for a List (or a top-level sequence), its item. */
export interface ObjectLocation {
  readonly documentIndex: number;
  readonly itemIndex?: number;
}

export type EditResult = { readonly text: string } | { readonly error: string };

/** A problem with one edit: the message says what could not be done, and why. */
class EditError extends Error {}

interface Located {
  readonly node: Node;
  /** The pair holding `node` when its parent is a mapping. */
  readonly pair?: Pair;
  readonly parent?: YAMLMap | YAMLSeq;
}

function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) && typeof pair.key.value !== "symbol" ? String(pair.key.value ?? "") : undefined;
}

/** The object's node: the document, or an item of its List or top-level sequence. */
function objectNode(contents: unknown, itemIndex: number | undefined): Node {
  if (itemIndex === undefined) {
    if (isMap(contents)) return contents;
    throw new EditError("the document is not a mapping");
  }
  const list = isSeq(contents) ? contents : isMap(contents) ? pairOf(contents, "items")?.value : undefined;
  const item = isSeq(list) ? list.items[itemIndex] : undefined;
  if (!isMap(item)) throw new EditError(`item ${itemIndex} of the List is not there`);
  return item;
}

function pairOf(map: YAMLMap, key: string): Pair | undefined {
  const found = map.items.filter((pair) => isPair(pair) && keyOf(pair) === key);
  if (found.length > 1) throw new EditError(`the key "${key}" is written more than once`);
  return found[0];
}

/** The node at `tokens` below `root`, as far as it exists: the deepest node found and what is left. */
function locate(root: Node, tokens: readonly string[]): { found: Located; rest: string[] } {
  let found: Located = { node: root };
  for (const [depth, token] of tokens.entries()) {
    const { node } = found;
    if (isAlias(node)) throw new EditError("the path runs through a YAML alias (*anchor)");
    if (isMap(node)) {
      if (node.items.some((pair) => isScalar(pair.key) && typeof pair.key.value === "symbol"))
        throw new EditError("the path runs through a YAML merge key (<<)");
      const pair = pairOf(node, token);
      if (pair === undefined || pair.value === null || pair.value === undefined)
        return { found, rest: tokens.slice(depth) };
      found = { node: pair.value as Node, pair, parent: node };
    } else if (isSeq(node)) {
      const item = /^\d+$/.test(token) ? node.items[Number(token)] : undefined;
      if (item === undefined) return { found, rest: tokens.slice(depth) };
      found = { node: item as Node, parent: node };
    } else {
      return { found, rest: tokens.slice(depth) };
    }
  }
  return { found, rest: [] };
}

function rangeOf(node: Node | null | undefined): readonly [number, number, number] {
  const range = node?.range;
  if (range === undefined || range === null) throw new EditError("a node without a position");
  return range;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** The offset just past the end of the line holding `offset - 1` (after its newline, or the text end). */
function pastLine(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === "\n") return offset;
  const newline = text.indexOf("\n", offset);
  return newline === -1 ? text.length : newline + 1;
}

/** A value as flow YAML (or JSON in a JSON file): `{a: {b: false}}`, `"true"`, `500m`. */
function flowText(value: unknown, json: boolean): string {
  if (json) return JSON.stringify(value);
  if (typeof value === "object" && value !== null) {
    if (Array.isArray(value)) return `[${value.map((item) => flowText(item, json)).join(", ")}]`;
    return `{${Object.entries(value)
      .map(([key, item]) => `${flowText(key, json)}: ${flowText(item, json)}`)
      .join(", ")}}`;
  }
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** `key: value` as block YAML lines at `indent`, nested mappings one step deeper. */
function blockLines(key: string, value: unknown, indent: string, step: string): string[] {
  const head = `${indent}${flowText(key, false)}:`;
  if (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length > 0) {
    return [head, ...Object.entries(value).flatMap(([inner, item]) => blockLines(inner, item, indent + step, step))];
  }
  return [`${head} ${flowText(value, false)}`];
}

/** The file's indentation step: the smallest indentation of a line (two spaces when none is indented). */
function indentStep(text: string): string {
  let smallest = Number.POSITIVE_INFINITY;
  for (const match of text.matchAll(/^( +)[^\s#-]/gm)) smallest = Math.min(smallest, match[1]?.length ?? smallest);
  return " ".repeat(Number.isFinite(smallest) ? smallest : 2);
}

/** The indentation of a block collection's items (the column of its first item). */
function itemIndent(text: string, collection: YAMLMap | YAMLSeq): string {
  const first = collection.items[0];
  const start = isPair(first) ? rangeOf(first.key as Node)[0] : rangeOf(first as Node)[0];
  // The first key of a list item's mapping follows its `- `: the indentation is its column.
  return " ".repeat(start - lineStart(text, start));
}

function splice(text: string, start: number, end: number, insert: string): string {
  return `${text.slice(0, start)}${insert}${text.slice(end)}`;
}

/** Sets `key` (missing) of `map` to `value`. */
function addKey(text: string, map: YAMLMap, key: string, value: unknown, json: boolean): string {
  const [, end] = rangeOf(map);
  if (map.flow === true || json) {
    const close = text.lastIndexOf("}", end - 1);
    if (close === -1) throw new EditError("a flow mapping without its closing brace");
    const last = map.items[map.items.length - 1];
    const entry = `${flowText(key, json)}: ${flowText(value, json)}`;
    if (last === undefined) return splice(text, close, close, entry);
    const lastEnd = rangeOf((last.value ?? last.key) as Node)[1];
    return splice(text, lastEnd, lastEnd, `, ${entry}`);
  }
  if (map.items.length === 0) throw new EditError("an empty block mapping");
  const indent = itemIndent(text, map);
  const lines = blockLines(key, value, indent, indentStep(text)).join("\n");
  const at = pastLine(text, end);
  const before = at > 0 && text[at - 1] !== "\n" ? "\n" : "";
  return splice(text, at, at, `${before}${lines}\n`);
}

/** Replaces a scalar (possibly an empty or null value) with `value`. */
function replaceScalar(text: string, node: Node, value: unknown, json: boolean): string {
  if (!isScalar(node)) throw new EditError("the field to set holds a mapping or a list");
  const [start, end] = rangeOf(node);
  const rendered = flowText(value, json);
  const space = start > 0 && text[start - 1] === ":" ? " " : "";
  return splice(text, start, end, `${space}${rendered}`);
}

/** Removes the entry `located` names from its mapping or list; an emptied block collection becomes `{}` or `[]`. */
function removeEntry(text: string, located: Located, json: boolean): string {
  const { parent, pair, node } = located;
  if (parent === undefined) throw new EditError("cannot remove the whole object");
  const [entryStart] = pair !== undefined ? rangeOf(pair.key as Node) : rangeOf(node);
  const entryEnd = rangeOf(node)[1];
  if (parent.flow === true || json) {
    const after = /^\s*,\s*/.exec(text.slice(entryEnd));
    if (after !== null) return splice(text, entryStart, entryEnd + after[0].length, "");
    const before = /,\s*$/.exec(text.slice(0, entryStart));
    return splice(text, before === null ? entryStart : entryStart - before[0].length, entryEnd, "");
  }
  if (parent.items.length === 1) {
    // The collection's only entry: it becomes empty, written `{}` or `[]` after its key's colon.
    const [start, rangeEnd] = rangeOf(parent);
    // A block collection's range may end after its last newline, which stays.
    const end = text[rangeEnd - 1] === "\n" ? rangeEnd - 1 : rangeEnd;
    const colon = text.lastIndexOf(":", start - 1);
    if (colon === -1) throw new EditError("cannot empty this collection in place");
    return splice(text, colon + 1, end, isMap(parent) ? " {}" : " []");
  }
  const lineBegin = lineStart(text, isSeq(parent) ? text.lastIndexOf("-", entryStart) : entryStart);
  return splice(text, lineBegin, pastLine(text, entryEnd), "");
}

function applyOperation(text: string, root: Node, operation: PatchOperation, json: boolean): string {
  const tokens = pointerTokens(operation.path);
  const { found, rest } = locate(root, tokens);
  if (operation.op === "remove") {
    if (rest.length > 0) return text;
    return removeEntry(text, found, json);
  }
  if (rest.length === 0) return replaceScalar(text, found.node, operation.value, json);
  const [key, ...deeper] = rest as [string, ...string[]];
  // The patch adds one missing level holding the rest; a missing level below it is the value's.
  const value = deeper.reduceRight<unknown>((inner, token) => ({ [token]: inner }), operation.value);
  const { node } = found;
  if (isMap(node)) return addKey(text, node, key, value, json);
  if (isScalar(node) && (node.value === null || node.value === undefined))
    return replaceScalar(text, node, { [key]: value }, json);
  throw new EditError(isSeq(node) ? "adding an item to a list" : "the path runs through a value that is not a mapping");
}

/** The object's node and its value as the loader reads it (the same parse). */
function objectValue(text: string, location: ObjectLocation): { root: Node; value: unknown } {
  const document = parseManifestText(text).documents[location.documentIndex];
  if (document === undefined) throw new EditError(`document ${location.documentIndex + 1} is not there`);
  if (document.errors.length > 0) throw new EditError(`YAML error: ${document.errors[0]?.message.split("\n")[0]}`);
  const root = objectNode(document.contents, location.itemIndex);
  const whole: unknown = document.toJS({ maxAliasCount: 1000 });
  const value =
    location.itemIndex === undefined
      ? whole
      : Array.isArray(whole)
        ? whole[location.itemIndex]
        : (whole as { items?: unknown[] }).items?.[location.itemIndex];
  return { root, value };
}

/** JSON with keys sorted, to compare values whatever the order of their keys. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === "object" && inner !== null && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/**
 * `text` with `operations` applied to the object at `location`; an error (and no text) when an
 * operation cannot be written in place or the result would not be exactly the patched object.
 */
export function editObject(
  text: string,
  location: ObjectLocation,
  operations: readonly PatchOperation[],
  json = false,
): EditResult {
  try {
    let current = text;
    let { root, value } = objectValue(current, location);
    for (const operation of operations) {
      const expected = applyPatch(value, [operation]);
      current = applyOperation(current, root, operation, json);
      ({ root, value } = objectValue(current, location));
      if (canonical(value) !== canonical(expected))
        throw new EditError(`${operation.op} ${operation.path} would not give the fixed object`);
    }
    return { text: current };
  } catch (error) {
    if (error instanceof EditError || error instanceof PatchError) return { error: error.message };
    throw error;
  }
}
