// A control with parameters of every type (test/fixtures/parameters), compiled as a policy
// project is, and its fixtures through every engine, with the defaults and with parameters set
// per case: the TypeScript check must give the fixture's verdict, and policy.wasm, `opa eval`,
// the admission policy in TypeScript (`rampart admit`) and in the API server's own CEL (the
// oracle) exactly the TypeScript violations. The oracle stores the ControlInputs object through
// the generated CRD as a cluster does (pruning what the CRD does not declare, refusing values of
// the wrong type), so the policies see only what a cluster would keep.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseKubernetesVersion } from "../../compiler/backends/cel/features.js";
import { compile } from "../../compiler/compile.js";
import { writeTree } from "../../compiler/output.js";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import type { Control } from "../../dsl/index.js";
import { CATALOG, DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { paramsOf } from "../../runtime/engine/reference.js";
import { FixtureEngines } from "../../runtime/testing/engines.js";
import { type ConcreteCase, loadFixtures } from "../../runtime/testing/fixtures.js";
import { groupCases } from "../../runtime/testing/run.js";
import { type CaseResult, expectAgreement, runCases } from "../support/agreement.js";
import { runOracle } from "../support/engines.js";

const PROJECT = path.join(PROJECT_ROOT, "test", "fixtures", "parameters");
const CONTROLS = path.join(PROJECT, "controls");
const CONTROL_FILE = path.join(CONTROLS, "ORG-9001-registries-replicas-owner.ts");
const work = mkdtempSync(path.join(tmpdir(), "rampart-parameters-"));
const generated = path.join(work, "generated");
afterAll(() => rmSync(work, { recursive: true, force: true }));

let control: Control;
let cases: ConcreteCase[];
let engines: FixtureEngines;
let results = new Map<ConcreteCase, CaseResult>();

beforeAll(async () => {
  const result = compile({
    controlFiles: [],
    frameworks: [],
    tsconfig: path.join(PROJECT_ROOT, "tsconfig.json"),
    project: {
      files: readdirSync(CONTROLS).map((file) => path.join(CONTROLS, file)),
      tsconfig: path.join(PROJECT_ROOT, "tsconfig.json"),
    },
    reservedIds: new Set(CATALOG.keys()),
    root: PROJECT,
    kubernetesVersion: parseKubernetesVersion("1.35") ?? { major: 1, minor: 35 },
    controlInputs: DEFAULT_CONTROL_INPUTS,
    inputDefaults: DEFAULT_CONTROL_INPUTS,
    withOpa: true,
  });
  expect(result.diagnostics).toEqual([]);
  writeTree(generated, result.files);
  control = ((await import(CONTROL_FILE)) as { default: Control }).default;
  cases = loadFixtures(path.join(PROJECT, "fixtures"), (id) => (id === control.id ? control.parameters : undefined));
  engines = new FixtureEngines(new Map([[control.id, control]]), generated);
  results = runCases(control.id, cases, () => false, engines);
});

describe("compiled with its defaults", () => {
  const defaults = {
    allowedRegistries: ["registry.example.com/"],
    requireDigest: false,
    maxReplicas: 10,
    ownerLabel: "owner",
  };

  it("writes the defaults into the bundle's data, the ControlInputs object and manifest.json", () => {
    const data = JSON.parse(readFileSync(path.join(generated, "bundles", "parameters-test", "data.json"), "utf8"));
    expect(data.rampart.inputs).toMatchObject(defaults);
    expect(data.rampart.inputs.insecureCapabilities).toEqual(DEFAULT_CONTROL_INPUTS.insecureCapabilities);
    const instance = parse(readFileSync(path.join(generated, "vap", "control-inputs.yaml"), "utf8"));
    expect(instance.spec).toEqual(defaults);
    const manifest = JSON.parse(readFileSync(path.join(generated, "manifest.json"), "utf8"));
    expect(manifest.controls[0].parameters.maxReplicas).toEqual({
      type: "integer",
      default: 10,
      description: "The most replicas a workload may ask for.",
    });
  });

  it("declares each parameter in the CRD with its type, and the policy takes ControlInputs as params", () => {
    const crd = parse(readFileSync(path.join(generated, "vap", "control-inputs-crd.yaml"), "utf8"));
    const properties = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties;
    expect(properties).toEqual({
      allowedRegistries: { description: "Image prefixes that may run.", type: "array", items: { type: "string" } },
      maxReplicas: { description: "The most replicas a workload may ask for.", type: "integer" },
      ownerLabel: { description: "The label naming the owning team.", type: "string" },
      requireDigest: { description: "Images must be pinned by digest.", type: "boolean" },
    });
    const policy = readFileSync(path.join(generated, "vap", "rampart-org-9001.yaml"), "utf8");
    expect(policy).toContain("kind: ControlInputs");
    expect(policy).toContain("parameterNotFoundAction: Deny");
  });

  it("the API server keeps through the CRD the values every case sets, and refuses a value of the wrong type", () => {
    const names = Object.keys(control.parameters);
    for (const entry of cases) {
      const { params } = runOracle({ objects: [], controlIds: [control.id], inputs: entry.inputs }, "1.35", engines);
      expect(params?.errors, entry.name).toEqual([]);
      expect(
        params?.pruned.filter((field) => names.includes(field.replace(/^spec\./, ""))),
        entry.name,
      ).toEqual([]);
      // The built-in inputs this project's controls do not read are not in its CRD.
      expect(params?.pruned, entry.name).toContain("spec.insecureCapabilities");
    }
    const [first] = cases;
    const wrong = { ...(first as ConcreteCase).inputs, maxReplicas: "ten", requireDigest: "yes" };
    const refusal = (() => {
      try {
        runOracle({ objects: [], controlIds: [control.id], inputs: wrong }, "1.35", engines);
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
      return "accepted";
    })();
    expect(refusal).toMatch(/^the API server refuses the ControlInputs object: /);
    expect(refusal).toMatch(/spec\.maxReplicas in body must be of type integer/);
    expect(refusal).toMatch(/spec\.requireDigest in body must be of type boolean/);
  });
});

describe("ORG-9001 on its fixtures, with defaults and with parameters set", () => {
  it("has cases with the defaults and with parameters set, evaluated apart", () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
    expect(groupCases(cases, () => false).length).toBe(4);
    const [first] = cases;
    expect(first === undefined ? undefined : paramsOf(control, first.inputs)).toEqual({
      allowedRegistries: ["registry.example.com/"],
      requireDigest: false,
      maxReplicas: 10,
      ownerLabel: "owner",
    });
  });

  it("every engine gives the TypeScript verdict, and the API server decides and says the same, within its cost limits", () => {
    let checked = 0;
    for (const entry of cases) {
      for (const expectation of entry.expectations) {
        try {
          expectAgreement({
            control,
            entry,
            expectation,
            result: results.get(entry),
            exportedToGatekeeper: true,
            expressibleInCel: true,
            costShare: 1 / 100,
          });
        } catch (error) {
          if (error instanceof Error) error.message = `${entry.name} › ${expectation.label}: ${error.message}`;
          throw error;
        }
        checked++;
      }
    }
    expect(checked).toBe(6);
  });

  it("prints integer parameters the same way everywhere", () => {
    const entry = cases.find((candidate) => candidate.name === "one set, the others keep their defaults");
    const result = entry === undefined ? undefined : results.get(entry);
    const verdict = result?.engines.verdicts.oracle.get(control.id)?.[result.offset];
    expect(verdict?.violations.join(" ")).toContain("asks for 3 replicas; at most 2 are allowed");
  });
});

describe("params: in fixtures", () => {
  function fixtureWith(params: string): () => ConcreteCase[] {
    const folder = path.join(work, `fixtures-${Math.random().toString(36).slice(2)}`);
    mkdirSync(folder);
    writeFileSync(
      path.join(folder, "ORG-9001.yaml"),
      `control: ORG-9001\ncases:\n  - name: bad\n    params: ${params}\n    objects: []\n    expect: {}\n`,
    );
    return () => loadFixtures(folder, (id) => (id === control.id ? control.parameters : undefined));
  }

  it("refuses a parameter the control does not declare, and a value of the wrong type", () => {
    expect(fixtureWith("{ maxReplica: 3 }")).toThrow(
      /ORG-9001\.yaml: ORG-9001 "bad": params: ORG-9001 declares no parameter "maxReplica" \(it declares allowedRegistries, requireDigest, maxReplicas, ownerLabel\)/,
    );
    expect(fixtureWith('{ maxReplicas: "3" }')).toThrow(
      'params: parameter "maxReplicas" (declared by ORG-9001) is an integer, not "3"',
    );
    expect(fixtureWith("{ allowedRegistries: ghcr.io/ }")).toThrow(
      'params: parameter "allowedRegistries" (declared by ORG-9001) is a list of strings, not "ghcr.io/"',
    );
    expect(fixtureWith("{ requireDigest: 1 }")).toThrow("is true or false, not 1");
  });
});
