// Duplicate keys in a mapping are an error in everything Rampart reads (manifests, dumps,
// configuration files), as the API server refuses them: a parser that keeps the last value
// would scan something other than what the author wrote, as when two files concatenated without
// a `---` between them become one mapping. YAML is checked while it is parsed (the `uniqueKeys`
// option of the yaml library), JSON by a scan of its text after JSON.parse has accepted it.
import { isMap, isScalar, type Node as YamlNode } from "yaml";

/** A key written a second time in the same mapping. */
export interface DuplicateKey {
  readonly key: string;
  /** 1-based lines of the duplicate and of the key's first occurrence. */
  readonly line: number;
  readonly firstLine: number;
  /**
   * Which item of the text's top-level array, or of the `items` of its top-level mapping (a
   * `List`), the duplicate is inside; undefined when it is outside every item.
   */
  readonly itemIndex?: number;
  /** The duplicate is a key of the top-level mapping (two objects run together, when it is `kind`). */
  readonly topLevel: boolean;
}

/** "duplicate key "spec" (first at line 12); the API server refuses …". */
export function duplicateKeyText(duplicate: DuplicateKey): string {
  const joined =
    duplicate.topLevel && (duplicate.key === "kind" || duplicate.key === "apiVersion")
      ? " (two objects run together: is a --- missing between them?)"
      : "";
  return `duplicate key "${duplicate.key}" (first at line ${duplicate.firstLine}); the API server refuses an object with duplicate keys${joined}`;
}

/** A key as it ends up in JSON: `1` and `"1"` are the same key, a null key is "". */
function jsonKey(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (typeof value === "symbol") return undefined; // a `<<` merge key, which may repeat
  return value === null ? "" : String(value);
}

interface FoundDuplicate {
  readonly first: YamlNode;
  readonly duplicate: YamlNode;
  readonly key: string;
}

/**
 * A `uniqueKeys` option for the yaml library that compares keys as JSON does and records each
 * duplicate it finds, for `duplicatesIn` to describe once the text is parsed.
 */
export class YamlKeyTracker {
  private readonly found: FoundDuplicate[] = [];

  readonly uniqueKeys = (a: unknown, b: unknown): boolean => {
    if (a === b) return true;
    const key = jsonKey(a);
    if (key === undefined || key !== jsonKey(b)) return false;
    this.found.push({ first: a as YamlNode, duplicate: b as YamlNode, key });
    return true;
  };

  /**
   * The duplicates between the offsets `start` and `end` (one document of the text), with their
   * lines; `root` is the document's top-level node, for the item each duplicate is inside.
   */
  duplicatesIn(start: number, end: number, root: unknown, lineOf: (offset: number) => number): DuplicateKey[] {
    return this.found
      .filter(({ duplicate }) => {
        const offset = duplicate.range?.[0];
        return offset !== undefined && offset >= start && offset < end;
      })
      .map(({ first, duplicate, key }) => {
        const offset = duplicate.range?.[0] ?? start;
        const itemIndex = itemContaining(root, offset);
        return {
          key,
          line: lineOf(offset),
          firstLine: lineOf(first.range?.[0] ?? offset),
          ...(itemIndex === undefined ? {} : { itemIndex }),
          topLevel: isMap(root) && root.items.some((pair) => pair.key === duplicate),
        };
      });
  }
}

/** The index of the item of a top-level sequence, or of a top-level mapping's `items`, holding `offset`. */
function itemContaining(root: unknown, offset: number): number | undefined {
  const items = isMap(root) ? root.items.find((pair) => jsonKey(pair.key) === "items")?.value : root;
  const list = (items as { items?: unknown[] } | null | undefined)?.items;
  if (!Array.isArray(list) || isMap(items)) return undefined;
  const index = list.findIndex((item) => {
    const range = (item as { range?: readonly number[] } | null)?.range;
    return range !== undefined && offset >= (range[0] ?? 0) && offset < (range[2] ?? range[1] ?? 0);
  });
  return index === -1 ? undefined : index;
}

interface Frame {
  readonly array: boolean;
  /** Objects: the keys seen, with their lines. */
  readonly keys: Map<string, number>;
  /** Objects: the next string is a key. */
  expectKey: boolean;
  /** Objects: the last key read. */
  lastKey: string;
  /** Arrays: the index of the current element. */
  index: number;
}

const BACKSLASH = 0x5c;

/**
 * The duplicate keys of a JSON text that JSON.parse accepted (which silently keeps the last of
 * them). One pass over the text, from one structural character to the next; strings are
 * skipped with indexOf (JSON strings hold no raw newline, so lines are counted outside them).
 */
export function jsonDuplicateKeys(text: string): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const stack: Frame[] = [];
  let line = 1;
  // Jumps from one character that matters to the next (numbers, literals and spaces are skipped).
  const structural = /["{}[\],\n]/g;
  for (let match = structural.exec(text); match !== null; match = structural.exec(text)) {
    const position = match.index;
    switch (match[0]) {
      case "\n":
        line += 1;
        break;
      case '"': {
        const end = stringEnd(text, position);
        const top = stack[stack.length - 1];
        if (top !== undefined && !top.array && top.expectKey) {
          const raw = text.slice(position + 1, end);
          const key = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
          const firstLine = top.keys.get(key);
          if (firstLine === undefined) top.keys.set(key, line);
          else found.push(jsonDuplicate(stack, key, line, firstLine));
          top.expectKey = false;
          top.lastKey = key;
        }
        structural.lastIndex = end + 1;
        break;
      }
      case "{":
        stack.push({ array: false, keys: new Map(), expectKey: true, lastKey: "", index: 0 });
        break;
      case "[":
        stack.push({ array: true, keys: new Map(), expectKey: false, lastKey: "", index: 0 });
        break;
      case "}":
      case "]":
        stack.pop();
        break;
      case ",": {
        const top = stack[stack.length - 1];
        if (top?.array === true) top.index += 1;
        else if (top !== undefined) top.expectKey = true;
        break;
      }
    }
  }
  return found;
}

/** The offset of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end !== -1) {
    let backslashes = 0;
    while (text.charCodeAt(end - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return text.length;
}

function jsonDuplicate(stack: readonly Frame[], key: string, line: number, firstLine: number): DuplicateKey {
  const [root, second] = stack;
  let itemIndex: number | undefined;
  if (root?.array === true && stack.length > 1) itemIndex = root.index;
  else if (root?.array === false && root.lastKey === "items" && second?.array === true && stack.length > 2)
    itemIndex = second.index;
  return { key, line, firstLine, ...(itemIndex === undefined ? {} : { itemIndex }), topLevel: stack.length === 1 };
}
