// The streamed JSON writer gives the bytes of JSON.stringify of the same value, however the
// streamed lists are nested, empty or hold values JSON.stringify leaves out.
import { describe, expect, it } from "vitest";
import { chunked, jsonPieces, StreamedList } from "../../runtime/report/json-text.js";

const text = (value: unknown) => [...chunked(jsonPieces(value), 8)].join("");

/** The value with every StreamedList made into the array it stands for. */
function materialised(value: unknown): unknown {
  if (value instanceof StreamedList) return value.sources.map((source) => materialised(value.make(source)));
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, materialised(entry)]));
}

describe("jsonPieces", () => {
  it("writes nested streamed lists as JSON.stringify writes the arrays they stand for", () => {
    const value = {
      name: 'scan "one"\n',
      skipped: undefined,
      results: new StreamedList([1, 2, 3], (n: number) => ({
        id: n,
        resources: new StreamedList(
          Array.from({ length: n - 1 }, (_, i) => i),
          (i: number) => ({ i, tags: ["a", i] }),
        ),
      })),
      empty: new StreamedList([], () => 1),
      holes: new StreamedList([1, 2], (n: number) => (n === 1 ? undefined : () => n)),
      tail: { nested: [null, true, 1.5] },
    };
    const written = text(value);
    expect(written).toBe(JSON.stringify(materialised(value)));
    expect(JSON.parse(written)).toMatchObject({
      empty: [],
      holes: [null, null],
      results: [{ id: 1, resources: [] }, {}, {}],
    });
  });

  it("writes a frozen value's text once and gives the same bytes each time", () => {
    const shared = Object.freeze({ status: "passed", ids: Object.freeze([1, 2]) });
    const value = { list: new StreamedList([0, 1, 2], () => shared) };
    expect(text(value)).toBe(JSON.stringify({ list: [shared, shared, shared] }));
    expect(text(value)).toBe(text(value));
  });

  it("writes an object without streamed lists, and one whose keys are all left out", () => {
    expect(text({ a: 1, b: [{}] })).toBe('{"a":1,"b":[{}]}');
    expect(text({ list: new StreamedList([], () => 0), gone: undefined })).toBe('{"list":[]}');
    expect(text(new StreamedList(["x"], (s: string) => s))).toBe('["x"]');
  });
});
