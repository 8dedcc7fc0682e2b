// A key written twice in one mapping is an error wherever Rampart reads it, as the API server
// refuses such an object: never a silent merge where the last value wins. Manifests (files,
// stdin, JSON dumps) skip the document or List item and report it with the line; configuration
// files are refused with the line.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadPolicyFolder } from "../../runtime/admission/dry-run.js";
import { jsonDuplicateKeys } from "../../runtime/input/duplicate-keys.js";
import { loadInputs } from "../../runtime/input/load.js";
import type { JsonReport } from "../../runtime/report/json.js";
import { loadFixtures } from "../../runtime/testing/fixtures.js";
import { tempFolder } from "../support/cli.js";
import { rampart } from "./run-cli.js";

const { file } = tempFolder("rampart-duplicates-");
const ARTICLE = path.join(import.meta.dirname, "fixtures", "article", "manifests");

const deployment = (name: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx\n`;

describe("jsonDuplicateKeys", () => {
  it("finds a duplicate key with its line and the line of the first", () => {
    expect(jsonDuplicateKeys('{\n  "a": 1,\n  "b": {"c": 1},\n  "a": 2\n}')).toEqual([
      { key: "a", line: 4, firstLine: 2, topLevel: true },
    ]);
  });

  it("compares keys after unescaping, and ignores braces, quotes and keys inside strings", () => {
    const text =
      '{"x": "{\\"a\\": 1, \\"a\\": 2}", "k\\u0065y": 1, "key": 2, "y": ["a", "a"], "z": {"a": 1}, "w": {"a": 1}}';
    expect(jsonDuplicateKeys(text)).toEqual([{ key: "key", line: 1, firstLine: 1, topLevel: true }]);
  });

  it("says which item of a List or a top-level array holds it", () => {
    const list = JSON.stringify({
      apiVersion: "v1",
      kind: "List",
      items: [{ kind: "Pod" }, { kind: "Pod", metadata: { labels: { a: "1" } } }],
    }).replace('"labels":{"a":"1"}', '"labels":{"a":"1","a":"2"}');
    expect(jsonDuplicateKeys(list)).toEqual([{ key: "a", line: 1, firstLine: 1, itemIndex: 1, topLevel: false }]);
    expect(jsonDuplicateKeys('[{"kind": "Pod"}, {"kind": "Pod"}, {"kind": "Pod", "kind": "Pod"}]')).toEqual([
      { key: "kind", line: 1, firstLine: 1, itemIndex: 2, topLevel: false },
    ]);
    expect(jsonDuplicateKeys('{"a": [1, 2], "b": true, "c": null, "d": -1.5e3}')).toEqual([]);
  });
});

describe("duplicate keys in manifests", () => {
  it("skips two files run together without ---, reports the line, and scans the rest", async () => {
    const joined = `${readFileSync(path.join(ARTICLE, "web-app.yaml"), "utf8")}${readFileSync(path.join(ARTICLE, "risky-app.yaml"), "utf8")}`;
    const run = await rampart(["scan", "framework", "nsa", "-", "--format", "json"], joined);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    // web-app.yaml ends with the NetworkPolicy, which runs into risky-app's Deployment.
    expect(report.resources.map((resource) => `${resource.kind}/${resource.name}`)).toEqual([
      "Deployment/web-app",
      "Service/web-app",
    ]);
    const line = joined.split("\n").findIndex((text, index) => index > 43 && text.startsWith("apiVersion")) + 1;
    expect(report.skippedInputs).toEqual([
      {
        file: "<stdin>",
        documentIndex: 2,
        line,
        reason: expect.stringMatching(
          /^duplicate key "apiVersion" \(first at line 44\); the API server refuses an object with duplicate keys \(two objects run together: is a --- missing between them\?\)$/,
        ),
      },
    ]);
    expect(run.stderr).toContain(`rampart: warning: <stdin>:${line}: duplicate key "apiVersion" (first at line 44)`);
  });

  it("skips only the document with a duplicate key deep inside, in files too", async () => {
    const manifest = file(
      "deep.yaml",
      `${deployment("ok")}---\n${deployment("twice").replace("image: nginx", "image: nginx\n          image: evil")}`,
    );
    const loaded = loadInputs([manifest]);
    expect(loaded.objects.map((entry) => (entry.object.metadata as { name: string }).name)).toEqual(["ok"]);
    expect(loaded.skipped).toEqual([
      {
        file: manifest,
        documentIndex: 1,
        line: 24,
        reason: 'duplicate key "image" (first at line 23); the API server refuses an object with duplicate keys',
      },
    ]);
  });

  it("compares keys as JSON does (1 and '1'), and lets << merge keys repeat", () => {
    const loaded = loadInputs([
      file(
        "keys.yaml",
        `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  1: x\n  "1": y\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\nbase: &base {x: "1"}\nother: &other {y: "2"}\ndata:\n  <<: *base\n  <<: *other\n`,
      ),
    ]);
    expect(loaded.skipped.map((entry) => [entry.line, entry.reason.split(";")[0]])).toEqual([
      [6, 'duplicate key "1" (first at line 5)'],
    ]);
    expect(loaded.objects.map((entry) => entry.object.data)).toEqual([{ x: "1", y: "2" }]);
  });

  it("skips the List item, not the whole dump, in JSON and in YAML", () => {
    const json = JSON.stringify(
      {
        apiVersion: "v1",
        kind: "List",
        items: [0, 1, 2].map((index) => ({
          apiVersion: "v1",
          kind: "ConfigMap",
          metadata: { name: `cm-${index}`, namespace: "shop" },
          data: { key: "value" },
        })),
      },
      null,
      2,
    ).replace('"name": "cm-1",', '"name": "cm-1",\n        "name": "other",');
    const dump = file("dump.json", json);
    const yamlDump = file(
      "dump.yaml",
      "apiVersion: v1\nkind: List\nitems:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: x}}\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: y, name: z}}\n",
    );
    const loaded = loadInputs([dump, yamlDump]);
    expect(loaded.objects.map((entry) => [entry.source.file, entry.source.itemIndex])).toEqual([
      [dump, 0],
      [dump, 2],
      [yamlDump, 0],
    ]);
    expect(loaded.skipped.map((entry) => [entry.file, entry.line, entry.reason.split(";")[0]])).toEqual([
      [dump, 21, 'item 1: duplicate key "name" (first at line 20)'],
      [yamlDump, 5, 'item 1: duplicate key "name" (first at line 5)'],
    ]);
  });

  it("skips a JSON object with a duplicate key outside every item", () => {
    const single = file(
      "single.json",
      '{"apiVersion": "v1",\n "kind": "Pod",\n "kind": "Pod", "metadata": {"name": "p"}}',
    );
    const loaded = loadInputs([single]);
    expect(loaded.objects).toEqual([]);
    expect(loaded.skipped).toEqual([
      {
        file: single,
        documentIndex: 0,
        line: 3,
        reason: expect.stringMatching(/^duplicate key "kind" \(first at line 2\); the API server refuses/),
      },
    ]);
  });

  it("is reported by rampart admit too", async () => {
    const run = await rampart(["admit", "-"], "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nmetadata: {name: q}\n");
    expect(run.stderr).toMatch(/<stdin>:4: duplicate key "metadata" \(first at line 3\)/);
  });
});

describe("duplicate keys in configuration files", () => {
  it.each([
    ["controls.yaml", "--controls-config", "controls:\n  C-0016: {severity: high}\n  C-0016: {action: warn}\n", 3, 2],
    [
      "controls.json",
      "--controls-config",
      '{\n  "insecureCapabilities": ["SYS_ADMIN"],\n  "insecureCapabilities": []\n}\n',
      3,
      2,
    ],
    [
      "exceptions.yaml",
      "--exceptions",
      "exceptions:\n  - name: a\n    policyName: C-0016\n    policyName: C-0057\n    resources: [{kind: Pod}]\n",
      4,
      3,
    ],
    ["exceptions.json", "--exceptions", '[{"name": "a", "name": "b", "policyName": "C-0016"}]', 1, 1],
  ])("%s is refused with the line of the duplicate and of the first", async (name, flag, content, line, first) => {
    const config = file(name, content);
    const run = await rampart(["scan", "control", "C-0016", ARTICLE, flag, config]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(`${name.replace(".", "\\.")}:${line}: duplicate key "[^"]+" \\(first at line ${first}\\)`),
    );
    expect(run.stdout).toBe("");
  });
});

describe("duplicate keys in fixtures and policy folders", () => {
  it("a fixture file (rampart test) is refused with its name and line", () => {
    const { folder, file: fixture } = tempFolder("rampart-duplicate-fixtures-");
    fixture("C-0016.yaml", "control: C-0016\ncontrol: C-0017\ncases: []\n");
    expect(() => loadFixtures(folder)).toThrow(/C-0016\.yaml: Map keys must be unique at line 2, column 1$/);
  });

  it("a policy file (rampart admit --policies) is refused with its name and line", () => {
    const { folder, file: policy } = tempFolder("rampart-duplicate-policies-");
    policy("control-inputs.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: inputs}\n");
    policy("rampart-c-0016.yaml", "apiVersion: v1\nkind: ValidatingAdmissionPolicy\nkind: Other\n");
    expect(() => loadPolicyFolder(folder)).toThrow(
      /rampart-c-0016\.yaml: invalid policy YAML: Map keys must be unique at line 3/,
    );
  });
});
