// A control whose control inputs are all empty lists has nothing to look for: a scan skips it with
// "needs configuration" (Kubescape's "configuration" status), unless its check judges objects
// without them (inputsOptional). Setting one of its inputs in --controls-config evaluates it.
import { describe, expect, it } from "vitest";
import { type Control, control, WORKLOAD_KINDS } from "../../dsl/index.js";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { BUILTIN_CONTROLS } from "../../frameworks/index.js";
import type { ControlInputValues } from "../../runtime/engine/engine.js";
import { ReferenceEngine } from "../../runtime/engine/reference.js";
import { scan } from "../../runtime/scan.js";
import { builtinLibrary, configurationNeeded, selectControls, withConfiguration } from "../../runtime/selection.js";

const builtin = (id: string): Control => {
  const found = BUILTIN_CONTROLS.find((entry) => entry.id === id);
  if (found === undefined) throw new Error(`no control ${id}`);
  return found;
};

const inputs = (overrides: Partial<Record<string, string[]>>) =>
  ({ ...DEFAULT_CONTROL_INPUTS, ...overrides }) as ControlInputValues;

describe("configurationNeeded", () => {
  it("names every input of a control whose inputs are all empty", () => {
    expect(configurationNeeded(builtin("C-0076"), inputs({ recommendedLabels: [] }))).toBe(
      "needs configuration: set recommendedLabels in --controls-config",
    );
    const empty = {
      sensitiveKeyNames: [],
      sensitiveValues: [],
      sensitiveKeyNamesAllowed: [],
      sensitiveValuesAllowed: [],
    };
    expect(configurationNeeded(builtin("C-0012"), inputs(empty))).toBe(
      "needs configuration: set sensitiveKeyNames, sensitiveValues, sensitiveKeyNamesAllowed, sensitiveValuesAllowed in --controls-config",
    );
  });

  it("evaluates a control one of whose inputs is set", () => {
    expect(configurationNeeded(builtin("C-0076"), inputs({}))).toBeUndefined();
    const onlyValues = { sensitiveKeyNames: [], sensitiveKeyNamesAllowed: [], sensitiveValuesAllowed: [] };
    expect(configurationNeeded(builtin("C-0012"), inputs(onlyValues))).toBeUndefined();
  });

  it("evaluates controls without inputs, and those whose check needs none (C-0075 with no floating tags)", () => {
    expect(configurationNeeded(builtin("C-0016"), inputs({}))).toBeUndefined();
    expect(DEFAULT_CONTROL_INPUTS.floatingImageTags).toEqual([]);
    expect(configurationNeeded(builtin("C-0075"), inputs({}))).toBeUndefined();
  });

  it("reads an input missing from the inputs as empty", () => {
    const own = control({
      id: "ORG-1",
      name: "labels",
      baseScore: 1,
      category: "Workload",
      description: "",
      remediation: "",
      kinds: WORKLOAD_KINDS,
      inputs: ["recommendedLabels"],
      check: () => [],
    });
    expect(configurationNeeded(own, {} as ControlInputValues)).toBe(
      "needs configuration: set recommendedLabels in --controls-config",
    );
  });
});

describe("a scan", () => {
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web", namespace: "shop" },
    spec: { containers: [{ name: "app", image: "nginx" }] },
  };
  const run = (values: ControlInputValues) =>
    scan({
      loaded: { objects: [{ object: pod, source: { file: "pod.yaml", documentIndex: 0, line: 1 } }], skipped: [] },
      selection: selectControls(builtinLibrary(), ["C-0076", "C-0077", "C-0075", "C-0001"]),
      inputs: values,
      engine: new ReferenceEngine(new Map(BUILTIN_CONTROLS.map((entry) => [entry.id, entry]))),
    });

  it("skips a control that needs configuration, with the reason, and counts it as not evaluated", async () => {
    const result = await run(inputs({ recommendedLabels: [] }));
    const status = (id: string) => result.controls.find((entry) => entry.control.id === id);
    expect(status("C-0076")).toMatchObject({ status: "skipped", resources: [], complianceScore: null });
    expect(status("C-0076")?.control.skipReason).toBe(
      "needs configuration: set recommendedLabels in --controls-config",
    );
    // Its implementation stays known (descriptions and remediation in reports).
    expect(status("C-0076")?.control.control?.id).toBe("C-0076");
    expect(status("C-0077")?.status).toBe("failed");
    expect(status("C-0075")?.status).toBe("passed");
    expect(status("C-0001")?.control.skipReason).toMatch(/^not implemented/);
    expect({ evaluated: result.evaluated, total: result.total }).toEqual({ evaluated: 2, total: 4 });
  });

  it("evaluates it once one of its inputs is set", async () => {
    const result = await run(inputs({ recommendedLabels: ["app"] }));
    expect(result.controls.find((entry) => entry.control.id === "C-0076")?.status).toBe("failed");
    expect(result.evaluated).toBe(3);
  });

  it("keeps the reason a control is skipped for another cause", () => {
    const selection = selectControls(builtinLibrary(), ["C-0001"]);
    expect(withConfiguration(selection, inputs({})).controls[0]?.skipReason).toMatch(/^not implemented/);
  });
});
