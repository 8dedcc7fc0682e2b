// JSON text in pieces, the same bytes as JSON.stringify(value): a report of 10,000 objects × 183
// controls runs to over 100 MB, so its big lists are written an element at a time, each element
// made, written and dropped in turn, never held whole. Compact, as Kubescape writes its JSON
// report: indenting doubled the bytes (and the time to write them) of a big report; `jq .`
// indents it for reading.

/** A list whose elements are made (from each of `sources`) as they are written. */
export class StreamedList<Source> {
  constructor(
    readonly sources: readonly Source[],
    readonly make: (source: Source) => unknown,
  ) {}
}

/** What JSON.stringify leaves out of an object. */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === "function" || typeof value === "symbol";
}

/** A StreamedList, or an object holding one: written piece by piece. (for…in: no array per call.) */
function streams(value: unknown): boolean {
  if (value instanceof StreamedList) return true;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  for (const key in value) if ((value as Record<string, unknown>)[key] instanceof StreamedList) return true;
  return false;
}

/** The text of frozen values (which cannot change) already written. */
const TEXTS = new WeakMap<object, string>();

/** JSON.stringify(value), made once for a frozen value. */
function stringified(value: unknown): string {
  const frozen = typeof value === "object" && value !== null && Object.isFrozen(value);
  const known = frozen ? TEXTS.get(value) : undefined;
  if (known !== undefined) return known;
  const text = JSON.stringify(value);
  if (frozen) TEXTS.set(value, text);
  return text;
}

/**
 * The pieces joined into chunks of about `size` characters: fewer writes, each small enough for
 * V8 to collect young (a big string is allocated among the old and lingers until a full GC).
 */
export function* chunked(pieces: Iterable<string>, size = 1 << 15): Generator<string> {
  let pending: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    pending.push(piece);
    length += piece.length;
    if (length >= size) {
      yield pending.join("");
      pending = [];
      length = 0;
    }
  }
  if (pending.length > 0) yield pending.join("");
}

/**
 * The pieces of JSON.stringify(value). Plain values are stringified whole; an object holding a
 * StreamedList is written key by key, the list element by element.
 */
export function* jsonPieces(value: unknown): Generator<string> {
  if (value instanceof StreamedList) {
    for (const [position, source] of value.sources.entries()) {
      const item = value.make(source);
      yield position === 0 ? "[" : ",";
      // Most elements are plain (a report's resources): stringified here, without a generator each.
      if (streams(item)) yield* jsonPieces(item);
      else yield omitted(item) ? "null" : stringified(item);
    }
    yield value.sources.length === 0 ? "[]" : "]";
    return;
  }
  if (streams(value)) {
    const entries = Object.entries(value as object).filter(([, entry]) => !omitted(entry));
    for (const [position, [key, entry]] of entries.entries()) {
      yield `${position === 0 ? "{" : ","}${JSON.stringify(key)}:`;
      yield* jsonPieces(entry);
    }
    yield entries.length === 0 ? "{}" : "}";
    return;
  }
  yield stringified(value);
}
