// --controls-config with the parameters controls declare: typed values, errors at the file and
// line of the offending value, and the values a scan then runs with.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Control, control, param, WORKLOAD_KINDS } from "../../dsl/index.js";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { configTargets, effectiveInputs, readControlsConfig } from "../../runtime/config/controls-config.js";

const work = mkdtempSync(path.join(tmpdir(), "rampart-parameters-config-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const declaring = (id: string, parameters: Control["parameters"]): Control =>
  control({
    id,
    name: id,
    baseScore: 5,
    category: "Test",
    description: "Declares parameters.",
    remediation: "None.",
    kinds: WORKLOAD_KINDS,
    parameters,
    check: () => [],
  });

const controls = new Map(
  [
    declaring("ORG-0001", { ownerLabel: param.string("owner"), maxReplicas: param.integer(10) }),
    declaring("ORG-0002", {
      maxReplicas: param.integer(10),
      allowedRegistries: param.strings(["registry.example.com/"]),
      requireDigest: param.boolean(false),
    }),
  ].map((entry) => [entry.id, entry]),
);
const targets = configTargets(controls);

let files = 0;
function read(text: string) {
  const file = path.join(work, `config-${++files}.yaml`);
  writeFileSync(file, text);
  return readControlsConfig(file, targets);
}

describe("parameters in --controls-config", () => {
  it("takes a value of each type, flat or nested under settings.postureControlInputs", () => {
    const flat = read(
      "ownerLabel: team\nmaxReplicas: 3\nallowedRegistries: [ghcr.io/acme/]\nrequireDigest: true\ninsecureCapabilities: [CHOWN]\n",
    );
    expect(flat.inputs).toEqual({
      ownerLabel: "team",
      maxReplicas: 3,
      allowedRegistries: ["ghcr.io/acme/"],
      requireDigest: true,
      insecureCapabilities: ["CHOWN"],
    });
    const nested = read("settings:\n  postureControlInputs:\n    maxReplicas: 0\n    requireDigest: false\n");
    expect(nested.inputs).toEqual({ maxReplicas: 0, requireDigest: false });
  });

  it("gives the scan every default, with what the file sets", () => {
    const inputs = effectiveInputs(read("maxReplicas: 3\n"), targets.parameters);
    expect(inputs).toMatchObject({
      ownerLabel: "owner",
      maxReplicas: 3,
      allowedRegistries: ["registry.example.com/"],
      requireDigest: false,
    });
    expect(inputs.insecureCapabilities).toEqual(DEFAULT_CONTROL_INPUTS.insecureCapabilities);
  });

  it.each([
    ["ownerLabel: [team]\n", 1, 'parameter "ownerLabel" (declared by ORG-0001) is a string, not a list (["team"])'],
    ["ownerLabel: 42\n", 1, 'parameter "ownerLabel" (declared by ORG-0001) is a string, not 42'],
    [
      "controls: {}\nmaxReplicas: ten\n",
      2,
      'parameter "maxReplicas" (declared by ORG-0001, ORG-0002) is an integer, not "ten"',
    ],
    ["maxReplicas: 2.5\n", 1, 'parameter "maxReplicas" (declared by ORG-0001, ORG-0002) is an integer, not 2.5'],
    ['maxReplicas: "3"\n', 1, 'parameter "maxReplicas" (declared by ORG-0001, ORG-0002) is an integer, not "3"'],
    [
      "allowedRegistries: ghcr.io/\n",
      1,
      'parameter "allowedRegistries" (declared by ORG-0002) is a list of strings, not "ghcr.io/"',
    ],
    [
      "allowedRegistries:\n  - ghcr.io/\n  - 5\n",
      3,
      'parameter "allowedRegistries" (declared by ORG-0002) is a list of strings, not a list (["ghcr.io/",5])',
    ],
    ["requireDigest: yes\n", 1, 'parameter "requireDigest" (declared by ORG-0002) is true or false, not "yes"'],
    ["requireDigest:\n", 1, 'parameter "requireDigest" (declared by ORG-0002) is true or false, not empty'],
    [
      "# comment\nsettings:\n  postureControlInputs:\n    requireDigest: {}\n",
      4,
      'parameter "requireDigest" (declared by ORG-0002) is true or false, not a mapping',
    ],
  ])("refuses %j at line %i", (text, line, message) => {
    expect(() => read(text)).toThrow(`config-${files + 1}.yaml:${line}: ${message}`);
  });

  it("names an unknown parameter with its line and the likely one", () => {
    expect(() => read("ownerLabel: team\nmaxReplica: 3\n")).toThrow(
      /config-\d+\.yaml:2: unknown control input or parameter "maxReplica" \(did you mean maxReplicas\?\)/,
    );
  });

  it("knows only the parameters of the controls given", () => {
    const builtinOnly = { controls: new Map<string, string>(), parameters: new Map() };
    const file = path.join(work, "builtin-only.yaml");
    writeFileSync(file, "ownerLabel: team\n");
    expect(() => readControlsConfig(file, builtinOnly)).toThrow(
      /builtin-only\.yaml:1: unknown control input "ownerLabel"/,
    );
  });
});
