// --kubernetes-version gates the CEL features a policy may use: a feature the API server's base
// environment gained in 1.x is accepted by new policies from 1.(x+1). The oracle (the API
// server's own CEL) confirms the boundary: a policy compiled for a version is accepted there.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseKubernetesVersion } from "../../compiler/backends/cel/features.js";
import { compile } from "../../compiler/compile.js";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { BUILTIN_FRAMEWORKS } from "../../frameworks/index.js";
import { builtinControlFiles } from "../../runtime/project.js";
import { EXPRESSIBLE_IN_CEL } from "../support/builtin.js";
import { controlFilesIn } from "../support/compile.js";
import { callOracle } from "../support/engines.js";

const controlFiles = builtinControlFiles();

/** The Pod Security controls, whose policies read a Namespace's labels only. */
const NAMESPACE_LABEL_CONTROLS = [
  "C-0193",
  "C-0194",
  "C-0195",
  "C-0196",
  "C-0197",
  "C-0198",
  "C-0199",
  "C-0200",
  "C-0201",
  "C-0202",
  "C-0203",
  "C-0204",
];

/** The test controls of the DSL helpers (test/differential/helpers.test.ts). */
const helperFiles = controlFilesIn(path.join(PROJECT_ROOT, "test", "fixtures", "helpers", "controls"));

/** The built-in controls compiled per target version, once each (compiling them all takes seconds). */
const compiledBuiltins = new Map<string, ReturnType<typeof compile>>();

function compileFor(version: string, files = controlFiles) {
  const cached = files === controlFiles ? compiledBuiltins.get(version) : undefined;
  if (cached !== undefined) return cached;
  const parsed = parseKubernetesVersion(version);
  if (parsed === undefined) throw new Error(version);
  const result = compile({
    controlFiles: files,
    frameworks: files === controlFiles ? BUILTIN_FRAMEWORKS : [],
    tsconfig: path.join(PROJECT_ROOT, "tsconfig.json"),
    root: PROJECT_ROOT,
    kubernetesVersion: parsed,
    controlInputs: DEFAULT_CONTROL_INPUTS,
    inputDefaults: DEFAULT_CONTROL_INPUTS,
    withOpa: false,
  });
  if (files === controlFiles) compiledBuiltins.set(version, result);
  return result;
}

function expressible(version: string, files = controlFiles): Record<string, string> {
  return Object.fromEntries(
    compileFor(version, files).controls.map((control) => [
      control.ir.metadata.id,
      control.admission.expressible ? "policy" : control.admission.reason,
    ]),
  );
}

/** The oracle's compile errors for every generated policy, on an API server of `serverVersion`. */
function serverRejections(compiledFor: string, serverVersion: string, files = controlFiles): string[] {
  const result = compileFor(compiledFor, files);
  const policies = result.controls.flatMap((control) =>
    control.admission.expressible ? [{ policy: control.admission.policy, binding: control.admission.binding }] : [],
  );
  // callOracle refuses an empty request and an answer for other policies than those sent.
  const output = callOracle({ kubernetesVersion: serverVersion, policies, objects: [] });
  return output.policies.filter((policy) => policy.compileErrors.length > 0).map((policy) => policy.name);
}

describe("--kubernetes-version", () => {
  it("1.35 (the default): every single-object control has a policy", () => {
    const byControl = expressible("1.35");
    expect(
      Object.entries(byControl)
        .filter(([, value]) => value === "policy")
        .map(([id]) => id),
    ).toEqual(EXPRESSIBLE_IN_CEL);
    expect(byControl["C-0034"]).toMatch(/reads other objects of the scan \(ServiceAccount\)/);
  });

  it("1.34: the lists extension is not available yet, so C-0012 has no policy", () => {
    const byControl = expressible("1.34");
    expect(byControl["C-0012"]).toBe(
      "needs the lists extension (flatten, sort), available from Kubernetes 1.35 (target is 1.34)",
    );
    expect(byControl["C-0016"]).toBe("policy");
  });

  it("1.32: two-variable comprehensions are not available yet, so no container or webhook control has a policy", () => {
    const byControl = expressible("1.32");
    const twoVariables = /^needs two-variable comprehensions .* available from Kubernetes 1\.33 \(target is 1\.32\)$/;
    // Controls that read no list with its indexes (a Namespace's labels, the pod spec's own fields,
    // the object's metadata) keep their policy; every other control with a policy at 1.35 reads
    // the containers of a workload or the webhooks of a configuration, with their indexes.
    const withoutIndexes = Object.keys(byControl).filter((id) => byControl[id] === "policy");
    expect(withoutIndexes).toEqual(expect.arrayContaining(["C-0038", "C-0061", ...NAMESPACE_LABEL_CONTROLS]));
    const indexing = EXPRESSIBLE_IN_CEL.filter((id) => !withoutIndexes.includes(id));
    expect(indexing).toEqual(expect.arrayContaining(["C-0016", "C-0036", "C-0057"]));
    expect(Object.fromEntries(indexing.map((id) => [id, byControl[id]]))).toEqual(
      Object.fromEntries(indexing.map((id) => [id, expect.stringMatching(twoVariables)])),
    );
    // The cross-resource controls have no policy at any version.
    expect(withoutIndexes.filter((id) => !EXPRESSIBLE_IN_CEL.includes(id))).toEqual([]);
  });

  it("what is compiled for a version is accepted by an API server of that version, and not by older ones", () => {
    expect(serverRejections("1.35", "1.35")).toEqual([]);
    expect(serverRejections("1.33", "1.33")).toEqual([]);
    // The messages of 1.35 policies sort their violations (lists extension), and C-0012 flattens.
    expect(serverRejections("1.35", "1.34")).toHaveLength(EXPRESSIBLE_IN_CEL.length);
    expect(serverRejections("1.34", "1.34")).toEqual([]);
    expect(serverRejections("1.33", "1.32").length).toBeGreaterThan(0);
  });
});

describe("--kubernetes-version and the DSL helpers", () => {
  const listsExtension = "needs the lists extension (flatten, sort), available from Kubernetes 1.35";
  const twoVariables =
    "needs two-variable comprehensions (transformList, exists(i, v, …)), available from Kubernetes 1.33";

  it("containerPorts needs 1.35, rulesAllowing and rule indexes 1.33, ruleAllows alone 1.30", () => {
    const at = (version: string) => {
      const byControl = expressible(version, helperFiles);
      const ids = ["H-0005", "H-0006", "H-0007", "H-0008", "H-0009", "H-0010", "H-0011"] as const;
      return Object.fromEntries(ids.map((id) => [id, byControl[id]?.replace(/ \(target is 1\.\d+\)$/, "")]));
    };
    expect(at("1.35")).toEqual({
      "H-0005": "policy",
      "H-0006": "policy",
      "H-0007": "policy",
      "H-0008": "policy",
      "H-0009": "policy",
      "H-0010": "policy",
      "H-0011": "policy",
    });
    expect(at("1.34")).toEqual({
      "H-0005": listsExtension,
      "H-0006": listsExtension,
      "H-0007": "policy",
      "H-0008": "policy",
      "H-0009": "policy",
      "H-0010": "policy",
      // The test control itself flattens a list of lists (a flag, then each of its items).
      "H-0011": listsExtension,
    });
    expect(at("1.30")).toEqual({
      "H-0005": twoVariables,
      "H-0006": twoVariables,
      "H-0007": twoVariables,
      "H-0008": twoVariables,
      "H-0009": "policy",
      // H-0010 lists selector requirements with their index; H-0011 reads command-line flags (commandFlags).
      "H-0010": twoVariables,
      "H-0011": twoVariables,
    });
  });

  it("what is compiled for a version is accepted by an API server of that version", () => {
    for (const version of ["1.30", "1.33", "1.35"]) {
      expect(serverRejections(version, version, helperFiles), version).toEqual([]);
    }
  });
});
