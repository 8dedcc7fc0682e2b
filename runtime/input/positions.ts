// Where a field of a scanned object is written: file, document, List item and a dotted path
// (`spec.template.spec.containers[1].securityContext.privileged`, `data[aws_access_key_id]`)
// → the 1-based line and column of the field's key, or of its nearest ancestor that exists.
// Reports ask for positions after the scan, so files are read again here rather than kept in
// memory: each file at most once per call, one file at a time, and only the files asked about.
import { readFileSync, statSync } from "node:fs";
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Pair,
  type YAMLMap,
  type Document as YamlDocument,
  type Node as YamlNode,
} from "yaml";
import { CLUSTER_SOURCE, MAX_FILE_BYTES } from "./load.js";
import { type ParsedText, parseManifestText } from "./manifest-text.js";

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

/** A field of one loaded object, named as a SourceRef and a violation path name it. */
export interface FieldRef {
  readonly file: string;
  readonly documentIndex: number;
  readonly itemIndex?: number;
  readonly path: string;
}

/** One step of a path: `.name` or `[name]` (a bracketed number indexes a sequence). */
export interface PathSegment {
  readonly key: string;
  readonly bracketed: boolean;
}

/** Reads a file's text for positions; undefined when it cannot be read (or is standard input). */
export type TextReader = (file: string) => string | undefined;

/**
 * `a.b[0].c` and `data[key.with.dots]` into segments. A bracket ends at the `]` that is followed
 * by the end of the path, a `.` or a `[`, so that keys may hold dots and brackets.
 */
export function parsePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  let index = 0;
  while (index < path.length) {
    if (path[index] === ".") {
      index += 1;
      continue;
    }
    if (path[index] === "[") {
      let end = path.indexOf("]", index + 1);
      while (end !== -1 && end + 1 < path.length && path[end + 1] !== "." && path[end + 1] !== "[") {
        end = path.indexOf("]", end + 1);
      }
      if (end === -1) end = path.length;
      segments.push({ key: path.slice(index + 1, end), bracketed: true });
      index = end + 1;
      continue;
    }
    let end = index;
    while (end < path.length && path[end] !== "." && path[end] !== "[") end += 1;
    segments.push({ key: path.slice(index, end), bracketed: false });
    index = end;
  }
  return segments;
}

/** The loader's parse (manifest-text.ts), so document indexes and lines agree. */
export const parseText = parseManifestText;

/**
 * The position of a field in parsed text: its key, else its nearest existing ancestor's, else the
 * object's first line. Undefined when the document or List item is not there (the text changed).
 */
export function fieldPosition(
  parsed: ParsedText,
  documentIndex: number,
  itemIndex: number | undefined,
  path: string,
): Position | undefined {
  const document = parsed.documents[documentIndex];
  if (document === undefined) return undefined;
  const object = objectNode(document, itemIndex);
  if (object === undefined) return undefined;
  let best = positionOf(parsed, object);
  if (best === undefined) return undefined;
  let node: unknown = object;
  for (const segment of parsePath(path)) {
    const current = resolved(document, node);
    if (isMap(current)) {
      const pair = findPair(document, current, segment.key);
      if (pair === undefined) break;
      best = positionOf(parsed, pair.key) ?? best;
      node = pair.value;
    } else if (isSeq(current) && /^\d+$/.test(segment.key)) {
      const item = current.items[Number(segment.key)];
      if (item === undefined) break;
      best = positionOf(parsed, item) ?? best;
      node = item;
    } else {
      break;
    }
  }
  return best;
}

/** A file's text; none for standard input or a file above the loader's size limit (checked before reading). */
const defaultReader: TextReader = (file) => {
  if (file === "<stdin>" || file === CLUSTER_SOURCE) return undefined;
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return undefined;
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
};

/**
 * Positions of many fields, in the order asked. Each file is read and parsed once and released
 * before the next, so memory holds one parsed file at a time. A field whose file cannot be read
 * (standard input, a file gone since the scan) has no position.
 */
export function locateFields(refs: readonly FieldRef[], read: TextReader = defaultReader): Array<Position | undefined> {
  const positions: Array<Position | undefined> = refs.map(() => undefined);
  const byFile = new Map<string, number[]>();
  for (const [index, ref] of refs.entries()) {
    const list = byFile.get(ref.file);
    if (list === undefined) byFile.set(ref.file, [index]);
    else list.push(index);
  }
  for (const [file, indexes] of byFile) {
    const text = read(file);
    if (text === undefined) continue;
    const parsed = parseManifestText(text);
    for (const index of indexes) {
      const ref = refs[index] as FieldRef;
      positions[index] = fieldPosition(parsed, ref.documentIndex, ref.itemIndex, ref.path);
    }
  }
  return positions;
}

/** The object a SourceRef names: the document, or an item of its List (or top-level sequence). */
function objectNode(document: YamlDocument.Parsed, itemIndex: number | undefined): YamlNode | undefined {
  const contents = resolved(document, document.contents);
  if (itemIndex === undefined) return contents ?? undefined;
  if (isSeq(contents)) return nodeOrUndefined(contents.items[itemIndex]);
  if (isMap(contents)) {
    const items = resolved(document, findPair(document, contents, "items")?.value);
    if (isSeq(items)) return nodeOrUndefined(items.items[itemIndex]);
  }
  return undefined;
}

function nodeOrUndefined(value: unknown): YamlNode | undefined {
  return isAlias(value) || isMap(value) || isSeq(value) || isScalar(value) ? value : undefined;
}

/** Follows aliases (`*anchor`) to the node they stand for. */
function resolved(document: YamlDocument.Parsed, node: unknown): YamlNode | undefined {
  let current = node;
  for (let depth = 0; depth < 100 && isAlias(current); depth += 1) current = current.resolve(document);
  return nodeOrUndefined(current);
}

function keyText(pair: Pair): string | undefined {
  const key = pair.key;
  if (!isScalar(key) || typeof key.value === "symbol") return undefined;
  return key.value === null ? "" : String(key.value);
}

/**
 * The pair that gives `key` its value, as `toJS` decides: the last of duplicate keys (the loader
 * skips objects that have any), and a key written in the map before one it takes from a `<<`
 * merge (the first merged source wins).
 */
function findPair(document: YamlDocument.Parsed, map: YAMLMap, key: string, depth = 0): Pair | undefined {
  const own = map.items.filter((pair) => isPair(pair) && keyText(pair) === key && !isMergeKey(pair));
  const found = own[own.length - 1];
  if (found !== undefined || depth > 20) return found;
  for (const pair of map.items) {
    if (!isMergeKey(pair)) continue;
    const value = resolved(document, pair.value);
    const sources = isSeq(value) ? value.items.map((item) => resolved(document, item)) : [value];
    for (const source of sources) {
      if (!isMap(source)) continue;
      const merged = findPair(document, source, key, depth + 1);
      if (merged !== undefined) return merged;
    }
  }
  return undefined;
}

/** `<<` with merge keys on: the parser gives its key a symbol value, `Symbol(<<)`. */
function isMergeKey(pair: Pair): boolean {
  const value = isScalar(pair.key) ? pair.key.value : undefined;
  return value === "<<" || (typeof value === "symbol" && value.description === "<<");
}

function positionOf(parsed: ParsedText, node: unknown): Position | undefined {
  const range = (node as { range?: readonly number[] | null } | null)?.range;
  const offset = range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = parsed.lines.linePos(offset);
  return line === 0 ? undefined : { line, column: col };
}
