// The Kubernetes/cel-go library functions Rampart adds to cel-js, each against the cel-go
// semantics it follows, edge cases included.
import { Optional } from "@marcbachmann/cel-js";
import { describe, expect, it } from "vitest";
import { lowerAscii } from "../../dsl/strings.js";
import { flatten, ofNonZeroValue } from "../../runtime/admission/cel-environment.js";
import { toCel, toJson } from "../../runtime/admission/cel-values.js";
import { matches } from "../../runtime/admission/string-functions.js";
import { compileError, evaluate } from "./cel.js";

describe("lowerAscii", () => {
  it("lowers ASCII letters only, as cel-go does", () => {
    expect(evaluate('"ÄBC".lowerAscii()')).toBe("Äbc");
    expect(evaluate('"Hello WORLD 42".lowerAscii()')).toBe("hello world 42");
    expect(lowerAscii("ÉCOLE ÀÖ")).toBe("École ÀÖ");
  });

  it("keeps non-ASCII letters whose Unicode lower case is ASCII (the Kelvin sign)", () => {
    expect(evaluate('"\\u212AEY".lowerAscii()')).toBe("\u212Aey");
    expect("\u212AEY".toLowerCase()).toBe("key");
  });

  it("is used inside macros and on values read from the object", () => {
    expect(evaluate("object.names.map(n, n.lowerAscii())", { names: ["ÄB", "Cd"] })).toEqual(["Äb", "cd"]);
  });

  it("rejects a receiver that is not a string", () => {
    expect(compileError("1.lowerAscii()")).toMatch(/no matching overload/);
    expect(() => evaluate("object.n.lowerAscii()", { n: 1 })).toThrow(/no matching overload for 'lowerAscii' on int/);
  });
});

describe("matches", () => {
  it("finds the pattern anywhere, as RE2 does", () => {
    expect(evaluate('"ghp_abc".matches("hp_")')).toBe(true);
    expect(evaluate('"abc".matches("^b")')).toBe(false);
  });

  it("matches code points, as RE2 does, not UTF-16 halves", () => {
    expect(evaluate('"😀ab".matches("^.{3}$")')).toBe(true);
    expect(matches("😀", "^.$")).toBe(true);
  });

  it("fails on a pattern that does not parse", () => {
    expect(() => evaluate('"x".matches("(")')).toThrow(/error parsing regexp/);
  });
});

describe("find (the Kubernetes regex library)", () => {
  it("gives the first match, leftmost and greedy as RE2 chooses it, or the empty string", () => {
    expect(evaluate('"/healthz**".find("(?s)^.*[^*]")')).toBe("/healthz");
    expect(evaluate('"**".find("(?s)^.*[^*]")')).toBe("");
    expect(evaluate('"a*b*".find("(?s)^.*[^*]")')).toBe("a*b");
    expect(evaluate('"abc123def".find("[0-9]+")')).toBe("123");
    expect(evaluate('"abc".find("x")')).toBe("");
  });

  it("reads code points and lets a negated class and (?s) match line breaks, as RE2 does", () => {
    expect(evaluate('"/𝒳/é*".find("(?s)^.*[^*]")')).toBe("/𝒳/é");
    expect(evaluate('"a\\nb*".find("(?s)^.*[^*]")')).toBe("a\nb");
    expect(evaluate('"a\\n*".find("^.*[^*]")')).toBe("a\n");
  });

  it("is used on values read from the object and fails on a pattern that does not parse", () => {
    expect(evaluate('object.urls.map(u, u.find("(?s)^.*[^*]"))', { urls: ["/a*", "*"] })).toEqual(["/a", ""]);
    expect(() => evaluate('"x".find("(")')).toThrow(/error parsing regexp/);
    expect(compileError('1.find("x")')).toMatch(/no matching overload/);
  });
});

describe("join", () => {
  it("behaves like cel-go's strings extension", () => {
    expect(evaluate('["a", "b"].join(", ")')).toBe("a, b");
    expect(evaluate('["a", "b"].join()')).toBe("ab");
    expect(evaluate('[].join(", ")')).toBe("");
    expect(evaluate('object.list.join("; ")', { list: ["x"] })).toBe("x");
  });

  it("fails on a list holding something other than strings", () => {
    expect(() => evaluate('object.list.join(",")', { list: ["a", 1] })).toThrow(/only strings/);
  });
});

describe("optional.ofNonZeroValue", () => {
  it.each([
    ["0", 0],
    ['""', ""],
    ["false", false],
    ["[]", []],
    ["{}", {}],
    ["null", null],
    ["0.0", 0.0],
  ])("is none for the zero value %s", (_, value) => {
    expect(evaluate("optional.ofNonZeroValue(object.v).hasValue()", { v: value })).toBe(false);
    expect(ofNonZeroValue(toCel(value))).toBe(Optional.none());
  });

  it.each([
    ["1", 1],
    ['"a"', "a"],
    ["true", true],
    ["[0]", [0]],
    ['{"a": 0}', { a: 0 }],
  ])("holds the non-zero value %s", (_, value) => {
    expect(toJson(evaluate("optional.ofNonZeroValue(object.v).value()", { v: value }))).toEqual(value);
  });

  it("lets a chain of optional selections start at a value that may be null", () => {
    expect(evaluate("optional.ofNonZeroValue(object.spec).?containers.orValue([])", { spec: null })).toEqual([]);
    expect(
      evaluate("optional.ofNonZeroValue(object.spec).?containers.orValue([])", { spec: { containers: [1] } }),
    ).toEqual([1n]);
  });
});

describe("flatten", () => {
  it("removes one level of nesting", () => {
    expect(evaluate("object.lists.flatten()", { lists: [[1], [2, [3]], []] })).toEqual([1n, 2n, [3n]]);
    expect(flatten([[1], [2, [3]], []])).toEqual([1, 2, [3]]);
  });

  it("keeps elements that are not lists", () => {
    expect(evaluate("[dyn(1), dyn([2, 3])].flatten()")).toEqual([1n, 2n, 3n]);
  });

  it("flattens lists of violations built per container (the shape C-0012 emits)", () => {
    const object = { containers: [{ env: ["a", "b"] }, { env: [] }, { env: ["c"] }] };
    expect(evaluate("object.containers.map(c, c.env.map(e, e + '!')).flatten()", object)).toEqual(["a!", "b!", "c!"]);
  });
});

describe("two-variable comprehensions", () => {
  describe("transformList", () => {
    it("binds a list's index as an int and its element", () => {
      expect(evaluate("[10, 20].transformList(i, v, i)")).toEqual([0n, 1n]);
      expect(evaluate("[10, 20].transformList(i, v, type(i) == int && v > 5)")).toEqual([true, true]);
      expect(evaluate('object.list.transformList(i, v, string(i) + ":" + v)', { list: ["a", "b"] })).toEqual([
        "0:a",
        "1:b",
      ]);
    });

    it("binds a map's key and value", () => {
      expect(evaluate('{"a": 1, "b": 2}.transformList(k, v, k + string(v))')).toEqual(["a1", "b2"]);
    });

    it("keeps the elements the filter accepts (four arguments)", () => {
      expect(evaluate("[1, 2, 3, 4].transformList(i, v, i % 2 == 0, v * 10)")).toEqual([10n, 30n]);
      expect(evaluate('{"a": 1, "b": 2}.transformList(k, v, v > 1, k)')).toEqual(["b"]);
    });

    it("nests, each comprehension seeing the other's variables", () => {
      expect(evaluate("[[1, 2], [3]].transformList(i, l, l.transformList(j, v, i * 10 + j)).flatten()")).toEqual([
        0n,
        1n,
        10n,
      ]);
    });

    it("yields an empty list for an empty range", () => {
      expect(evaluate("object.list.transformList(i, v, v)", { list: [] })).toEqual([]);
    });
  });

  describe("transformMap", () => {
    it("keeps a map's keys and transforms its values", () => {
      expect(toJson(evaluate('{"a": 1, "b": 2}.transformMap(k, v, v * 10)'))).toEqual({ a: 10, b: 20 });
    });

    it("keeps the entries the filter accepts", () => {
      expect(toJson(evaluate('{"a": 1, "b": 2}.transformMap(k, v, v > 1, v * 10)'))).toEqual({ b: 20 });
      expect(evaluate('{"a": 1, "b": 2}.transformMap(k, v, v > 1, v * 10) == {"b": 20}')).toBe(true);
    });

    it("keys a list's entries by their int index", () => {
      expect(evaluate("[5, 6].transformMap(i, v, v * 2)[1]")).toBe(12n);
      expect(evaluate("1 in [5, 6].transformMap(i, v, v)")).toBe(true);
    });
  });

  describe("all, exists and existsOne", () => {
    it("test a map's keys and values", () => {
      expect(evaluate('{"a": 1, "b": 2}.exists(k, v, k == "b" && v == 2)')).toBe(true);
      expect(evaluate('{"a": 1, "b": 2}.exists(k, v, k == "a" && v == 2)')).toBe(false);
      expect(evaluate('{"a": 1, "b": 2}.all(k, v, v > 0 && k != "")')).toBe(true);
      expect(evaluate('{"a": 1, "b": 2}.all(k, v, v > 1)')).toBe(false);
      expect(evaluate('{"a": 1, "b": 2}.existsOne(k, v, v > 1)')).toBe(true);
    });

    it("test a list's indexes and elements", () => {
      expect(evaluate("[1, 2, 3].all(i, v, v == i + 1)")).toBe(true);
      expect(evaluate("[1, 2, 1].exists(i, v, i == 2 && v == 1)")).toBe(true);
      expect(evaluate("[1, 2, 1].existsOne(i, v, v == 1)")).toBe(false);
      expect(evaluate("[1, 2, 1].exists_one(i, v, v == 2)")).toBe(true);
    });

    it("are true (all) and false (exists) on an empty range", () => {
      expect(evaluate("object.m.all(k, v, false)", { m: {} })).toBe(true);
      expect(evaluate("object.m.exists(k, v, true)", { m: {} })).toBe(false);
    });

    it("let a deciding element win over an error elsewhere, as && and || do", () => {
      expect(evaluate("[0, 1].exists(i, v, 1 / v == 1)")).toBe(true);
      expect(evaluate("[0, 2].all(i, v, 1 / v == 1)")).toBe(false);
      expect(() => evaluate("[0, 1].all(i, v, 1 / v == 1)")).toThrow(/division by zero/);
      expect(() => evaluate("[0, 1].existsOne(i, v, 1 / v == 1)")).toThrow(/division by zero/);
    });

    it("fail when the predicate is not a bool at run time", () => {
      expect(() => evaluate("object.list.exists(i, v, v)", { list: ["x"] })).toThrow(/must return bool, got string/);
    });
  });

  it("are rejected where cel-go rejects them", () => {
    expect(compileError("[1].all(i, i, true)")).toMatch(/duplicate variable name: i/);
    expect(compileError("[1].all(i, 1, true)")).toMatch(/simple name/);
    expect(compileError("[1].transformList(i, v, 1)")).toBeUndefined();
    expect(compileError("1.transformList(i, v, v)")).toMatch(/cannot range over int/);
    expect(compileError('[1].exists(i, v, "x")')).toMatch(/must be bool/);
  });

  it("fail at run time on a range that is neither a list nor a map", () => {
    expect(() => evaluate("object.n.transformList(i, v, v)", { n: 5 })).toThrow(/cannot range over int/);
  });
});

describe("JSON values", () => {
  it("turns integers into CEL ints and keeps other numbers doubles", () => {
    expect(toCel({ port: 80, ratio: 0.5, list: [1, 2.5], big: 2 ** 64 })).toEqual({
      port: 80n,
      ratio: 0.5,
      list: [1n, 2.5],
      big: 2 ** 64,
    });
    expect(evaluate("object.port + 1", { port: 80 })).toBe(81n);
    expect(evaluate("object.ratio > 0", { ratio: 0.5 })).toBe(true);
  });

  it("keeps a __proto__ key an ordinary map key", () => {
    const object = JSON.parse('{"__proto__": {"polluted": 1}}') as unknown;
    expect(evaluate('"__proto__" in object && !("polluted" in object)', object)).toBe(true);
    expect(Object.hasOwn(toJson(toCel(object)) as object, "__proto__")).toBe(true);
  });

  it("turns results back into plain JSON", () => {
    expect(
      toJson(
        evaluate('{"n": dyn(1), "l": dyn([dyn(2), dyn(2.5)]), "s": dyn("x"), "m": dyn([7].transformMap(i, v, v))}'),
      ),
    ).toEqual({
      n: 1,
      l: [2, 2.5],
      s: "x",
      m: { "0": 7 },
    });
  });
});

describe("the quantity library", () => {
  it("parses and compares as resource.Quantity does", () => {
    expect(evaluate('quantity("1Gi").compareTo(quantity("1024Mi"))')).toBe(0n);
    expect(evaluate('quantity("500m").compareTo(quantity("1"))')).toBe(-1n);
    expect(evaluate('quantity("16Ei").compareTo(quantity("9223372036854775807"))')).toBe(0n);
    expect(evaluate('quantity("0.1n").compareTo(quantity("1n"))')).toBe(0n);
  });

  it("tells quantities from other strings", () => {
    expect(evaluate("object.values.map(v, isQuantity(v))", { values: ["1", "1K", "+", "Pi", " 1", ""] })).toEqual([
      true,
      false,
      true,
      false,
      false,
      false,
    ]);
  });

  it("fails on a string that is not a quantity, and on a value that is not a string", () => {
    expect(() => evaluate('quantity("2GB")')).toThrow(/is not a quantity/);
    expect(() => evaluate("isQuantity(object.n)", { n: 1 })).toThrow(/no matching overload/);
    expect(compileError('quantity("1").compareTo(1)')).toMatch(/no matching overload/);
  });
});
