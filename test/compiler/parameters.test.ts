// One parameter name is one setting: the rules between declarations of the same name (the
// diagnostics' baselines show the messages in context; here, which combinations pass).
import { describe, expect, it } from "vitest";
import { checkParameters, type ParameterOwner } from "../../compiler/frontend/parameters.js";
import { param } from "../../dsl/index.js";

const at = { at: { file: "controls/x.ts", line: 3, column: 5 }, length: 4 };

function owner(id: string, parameters: ParameterOwner["parameters"]): ParameterOwner {
  return { id, parameters, sites: new Map(Object.keys(parameters).map((name) => [name, at])) };
}

const builtin = { insecureCapabilities: ["SYS_ADMIN", "NET_ADMIN"] };

describe("checkParameters", () => {
  it("accepts a built-in input's name declared as that input, and controls that agree", () => {
    const result = checkParameters(
      [
        owner("ORG-0002", { insecureCapabilities: param.strings(["SYS_ADMIN", "NET_ADMIN"]), max: param.integer(3) }),
        owner("ORG-0001", { max: param.integer(3) }),
      ],
      builtin,
    );
    expect(result.diagnostics).toEqual([]);
    expect([...result.rejected]).toEqual([]);
  });

  it("refuses a built-in input's name with another type (RP1023) or another default (RP1024)", () => {
    const result = checkParameters(
      [
        owner("ORG-0001", { insecureCapabilities: param.boolean(true) }),
        owner("ORG-0002", { insecureCapabilities: param.strings(["SYS_ADMIN"]) }),
      ],
      builtin,
    );
    expect(result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.message])).toEqual([
      [
        "RP1023",
        "parameter 'insecureCapabilities' is a boolean defaulting to true, but 'insecureCapabilities' is a built-in control input, a list of strings",
      ],
      [
        "RP1024",
        `parameter 'insecureCapabilities' is declared here as a list of strings defaulting to ["SYS_ADMIN"], but the built-in control input declares it as a list of strings defaulting to ["SYS_ADMIN", "NET_ADMIN"]`,
      ],
    ]);
    expect([...result.rejected].sort()).toEqual(["ORG-0001", "ORG-0002"]);
  });

  it("blames the later control (by ID) when two disagree, whatever the order given", () => {
    const result = checkParameters(
      [owner("ORG-0009", { max: param.integer(4) }), owner("ORG-0003", { max: param.integer(3) })],
      builtin,
    );
    expect(result.diagnostics.map((diagnostic) => diagnostic.message)).toEqual([
      "parameter 'max' is declared here as an integer defaulting to 4, but ORG-0003 declares it as an integer defaulting to 3",
    ]);
    expect([...result.rejected]).toEqual(["ORG-0009"]);
  });
});

describe("param", () => {
  it("declares a type and a frozen default; integers must be whole", () => {
    expect(param.strings(["a"], { description: "d" })).toEqual({ type: "strings", default: ["a"], description: "d" });
    expect(Object.isFrozen(param.strings(["a"]).default)).toBe(true);
    expect(param.boolean(false)).toEqual({ type: "boolean", default: false });
    expect(() => param.integer(2.5)).toThrow("param.integer: 2.5 is not an integer");
  });
});
