// A newcomer's path through "Write your own control": init, test, a type error and an
// unsupported construct reported with file/line, a custom framework scan, the admission policy
// accepted by the API server's CEL, the Gatekeeper template checked by gator — all through the CLI.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { findProject, importProject, projectLibrary } from "../../runtime/project.js";
import type { JsonReport } from "../../runtime/report/json.js";
import { loadFixtures } from "../../runtime/testing/fixtures.js";
import { runGator } from "../../runtime/testing/gator.js";
import { EXAMPLES } from "../support/cli.js";
import { callOracle } from "../support/engines.js";
import { rampart } from "./run-cli.js";

const work = mkdtempSync(path.join(tmpdir(), "rampart-project-"));
const project = path.join(work, "my-policies");
const control = path.join(project, "controls", "ORG-0001-owner-label.ts");
afterAll(() => rmSync(work, { recursive: true, force: true }));

function edit(file: string, from: string, to: string): () => void {
  const original = readFileSync(file, "utf8");
  if (!original.includes(from)) throw new Error(`${file} has no ${from}`);
  writeFileSync(file, original.replace(from, to));
  return () => writeFileSync(file, original);
}

beforeAll(async () => {
  const run = await rampart(["init", project]);
  expect(run.code, run.stderr).toBe(0);
});

describe("rampart init and rampart test", () => {
  it("scaffolds a project whose fixtures pass in every engine", async () => {
    const run = await rampart(["test", project]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("✓ a Deployment without labels fails (1 object(s); typescript, wasm, cel, gator)");
    // The example control's parameter, at its default and set by a case.
    expect(run.stdout).toContain(
      "✓ with ownerLabel set to team, an owner label is not enough (1 object(s); typescript, wasm, cel, gator)",
    );
    expect(run.stdout).toContain("6 case(s) passed, 0 failed");
  });

  it("refuses to scaffold over a folder that is not empty", async () => {
    const run = await rampart(["init", project]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not empty/);
  });

  it("reports a fixture the control does not satisfy, and writes JUnit", async () => {
    const restore = edit(
      path.join(project, "fixtures", "ORG-0001.yaml"),
      "Pod/debug: [metadata.labels.owner]",
      "Pod/debug: []",
    );
    try {
      const junit = path.join(work, "junit.xml");
      const run = await rampart(["test", project, "--junit", junit]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("✗ an empty owner fails like a missing one");
      expect(run.stdout).toContain("expected pass; typescript: fail at metadata.labels.owner");
      const xml = readFileSync(junit, "utf8");
      expect(XMLValidator.validate(xml)).toBe(true);
      const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml) as {
        testsuites: { testsuite: { "@_name": string; "@_tests": string; "@_failures": string } };
      };
      expect(parsed.testsuites.testsuite).toMatchObject({ "@_name": "ORG-0001", "@_tests": "6", "@_failures": "1" });
    } finally {
      restore();
    }
  });
  it("reports an admission policy whose deny message is not the one the check's violations make", async () => {
    expect((await rampart(["test", project])).code).toBe(0);
    // The compiled policy in the project's cache, its message changed behind the compiler's back.
    const policy = path.join(project, ".rampart", "generated", "vap", "rampart-org-0001.yaml");
    const restore = edit(policy, "messageExpression: ", `messageExpression: '"tampered"' #`);
    try {
      const run = await rampart(["test", project]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("✗ a Deployment without labels fails");
      expect(run.stdout).toContain(
        'cel disagrees with typescript: the deny message is "tampered", not "ORG-0001 Workloads name their owner: Deployment',
      );
    } finally {
      restore();
    }
    expect((await rampart(["test", project])).code).toBe(0);
  });

  it("refuses a fixture object the API server would reject, naming the field", async () => {
    const restore = edit(
      path.join(project, "fixtures", "ORG-0001.yaml"),
      "spec: { containers: [{ name: app, image: busybox }] }",
      "spec: { containers: { name: app, image: busybox } }",
    );
    try {
      const run = await rampart(["test", project]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /ORG-0001\.yaml: ORG-0001 ".*": Pod\/\S+: spec\.containers: expected a list, found a mapping/,
      );
    } finally {
      restore();
    }
  });
});

describe("diagnostics for the project's controls", () => {
  it("a misspelt field is a TypeScript error with file, line and the source underlined", async () => {
    const restore = edit(control, "workload.metadata?.labels?.[label]", "workload.metadata?.lables?.[label]");
    try {
      const run = await rampart(["compile", "--controls", project, "--no-wasm", "--out", path.join(work, "out")]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /controls\/ORG-0001-owner-label\.ts:17:38: error RP1018: TypeScript: Property 'lables' does not exist on type 'ObjectMeta'\. Did you mean 'labels'\?/,
      );
      expect(run.stderr).toContain('      const owner = workload.metadata?.lables?.[label] ?? "";');
      expect(run.stderr).not.toContain("RP1021");
      expect(run.stderr).toMatch(/\n\s+~~~~~~\n/);
    } finally {
      restore();
    }
  });

  it("a misspelt parameter is a TypeScript error naming the declared one", async () => {
    const restore = edit(control, "context.params.ownerLabel", "context.params.ownerLable");
    try {
      const run = await rampart(["compile", "--controls", project, "--no-wasm", "--out", path.join(work, "out")]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        /controls\/ORG-0001-owner-label\.ts:16:34: error RP1018: TypeScript: Property 'ownerLable' does not exist on type .*Did you mean 'ownerLabel'\?/,
      );
    } finally {
      restore();
    }
  });

  it("an unsupported construct is a compile error with a hint; the other controls still compile", async () => {
    const restore = edit(control, 'return owner === ""', 'return owner == ""');
    try {
      const run = await rampart(["compile", "--controls", project, "--no-wasm", "--out", path.join(work, "out")]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/ORG-0001-owner-label\.ts:18:12: error RP1003: '==' compares loosely\n/);
      expect(run.stderr).toContain("hint: Use === or !==.");
      expect(run.stderr).toContain("rampart: 1 problem(s); nothing was written");
    } finally {
      restore();
    }
  });

  it("a control ID of Rampart's is refused, as is a framework listing an unknown control", async () => {
    const restoreId = edit(control, 'id: "ORG-0001"', 'id: "C-0016"');
    const restoreFramework = edit(path.join(project, "controls", "my-framework.ts"), '"C-0057"', '"C-9999"');
    try {
      const run = await rampart(["compile", "--controls", project, "--no-wasm", "--out", path.join(work, "out")]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/error RP1020: control ID C-0016 is already a built-in control/);
      expect(run.stderr).toMatch(/error RP1021: framework my-framework lists C-9999/);
    } finally {
      restoreId();
      restoreFramework();
    }
  });
});

describe("diagnostics when scan, admit and test compile the project", () => {
  it("print every diagnostic with file, line, column, code and the source line", async () => {
    const restore = edit(control, "workload.metadata?.labels?.[label]", "workload.metadata?.lables?.[label]");
    try {
      const manifests = EXAMPLES;
      const runs = {
        scan: await rampart(["scan", "--controls", project, "control", "ORG-0001", manifests]),
        admit: await rampart(["admit", "--controls", project, "--ids", "ORG-0001", manifests]),
        test: await rampart(["test", project]),
      };
      for (const [command, run] of Object.entries(runs)) {
        expect(run.code, command).toBe(2);
        expect(run.stderr, command).toMatch(
          /controls\/ORG-0001-owner-label\.ts:17:38: error RP1018: TypeScript: Property 'lables' does not exist on type 'ObjectMeta'\. Did you mean 'labels'\?/,
        );
        expect(run.stderr, command).toContain('      const owner = workload.metadata?.lables?.[label] ?? "";');
        expect(run.stderr, command).toContain("rampart: the project's controls do not compile (1 problem(s))");
      }
    } finally {
      restore();
    }
  });
});

describe("the project's controls everywhere", () => {
  const manifests = EXAMPLES;

  it("scans with the custom framework, exceptions applying to custom controls", async () => {
    const exceptions = path.join(work, "exceptions.yaml");
    writeFileSync(
      exceptions,
      "- name: agent-ownerless\n  policyName: ORG-0001\n  resources: [{ kind: DaemonSet, name: node-agent, namespace: monitoring }]\n  justification: owned by the platform\n",
    );
    const run = await rampart([
      "scan",
      "--controls",
      project,
      "framework",
      "my-framework",
      manifests,
      "--format",
      "json",
      "--exceptions",
      exceptions,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.summaryDetails.frameworks.map((framework) => framework.name)).toEqual(["my-framework"]);
    const owner = report.results.find((result) => result.controlID === "ORG-0001");
    expect(owner?.resourceCounters).toEqual({ passed: 0, failed: 11, excepted: 1, all: 12 });
    expect(report.results.map((result) => result.controlID).sort()).toEqual(["C-0016", "C-0057", "ORG-0001"]);
  });

  it("a controls config sets the project's parameter for scan and admit; a value of the wrong type is refused at its line", async () => {
    const config = path.join(work, "owner-label.yaml");
    writeFileSync(config, "ownerLabel: app\n");
    const scan = ["scan", "--controls", project, "control", "ORG-0001", manifests];
    const run = await rampart([...scan, "--format", "json", "--controls-config", config]);
    expect(run.code, run.stderr).toBe(0);
    const owner = (JSON.parse(run.stdout) as JsonReport).results.find((result) => result.controlID === "ORG-0001");
    // Only the Deployment has an app label in its metadata.
    expect(owner?.resourceCounters).toEqual({ passed: 1, failed: 11, excepted: 0, all: 12 });
    const messages = owner?.resources.flatMap((entry) => entry.violations ?? []).map((found) => found.message);
    expect(messages).toContain("DaemonSet node-agent has no app label");
    expect(messages).not.toContain("DaemonSet node-agent has no owner label");

    const admit = await rampart([
      "admit",
      "--controls",
      project,
      "--ids",
      "ORG-0001",
      manifests,
      "--controls-config",
      config,
    ]);
    expect(admit.stdout).toContain("ADMITTED Deployment shop/web");
    expect(admit.stdout).toContain(
      "deny: ORG-0001 Workloads name their owner: DaemonSet node-agent: DaemonSet node-agent has no app label",
    );

    const deploy = path.join(work, "deploy-app-label");
    const compiled = await rampart([
      "compile",
      "--controls",
      project,
      "--no-wasm",
      "--out",
      deploy,
      "--controls-config",
      config,
    ]);
    expect(compiled.code, compiled.stderr).toBe(0);
    const instance = parse(readFileSync(path.join(deploy, "vap", "control-inputs.yaml"), "utf8")) as {
      spec: Record<string, unknown>;
    };
    expect(instance.spec.ownerLabel).toBe("app");
    const data = JSON.parse(readFileSync(path.join(deploy, "bundles", "my-framework", "data.json"), "utf8"));
    expect(data.rampart.inputs.ownerLabel).toBe("app");

    const wrong = path.join(work, "wrong-type.yaml");
    writeFileSync(wrong, "# the label that names owners\nownerLabel: [app]\n");
    const refused = await rampart([...scan, "--controls-config", wrong]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'wrong-type.yaml:2: parameter "ownerLabel" (declared by ORG-0001) is a string, not a list (["app"])',
    );
  });

  it("compiles to an admission policy that the API server accepts and that denies an ownerless workload", async () => {
    const out = path.join(work, "deploy");
    const run = await rampart(["compile", "--controls", project, "--no-wasm", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    const [policy, binding] = parseAllDocuments(
      readFileSync(path.join(out, "vap", "rampart-org-0001.yaml"), "utf8"),
    ).map((document) => document.toJS());
    const objects = [
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "owned", namespace: "a", labels: { owner: "team" } },
        spec: { containers: [{ name: "c", image: "i" }] },
      },
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "orphan", namespace: "a" },
        spec: { containers: [{ name: "c", image: "i" }] },
      },
    ];
    // The policy reads its parameter from the ControlInputs object compiled beside it.
    const params = parse(readFileSync(path.join(out, "vap", "control-inputs.yaml"), "utf8")) as {
      spec: Record<string, unknown>;
    };
    expect(params.spec.ownerLabel).toBe("owner");
    const result = callOracle({ kubernetesVersion: "1.35", policies: [{ policy, binding }], params, objects });
    expect(result.policies[0]?.compileErrors).toEqual([]);
    expect(result.policies[0]?.results.map((entry) => entry.decision)).toEqual(["admit", "deny"]);
    expect(result.policies[0]?.results[1]?.message).toBe(
      "ORG-0001 Workloads name their owner: Pod orphan: Pod orphan has no owner label",
    );
    const admit = await rampart(["admit", "--controls", project, "--ids", "ORG-0001", manifests]);
    expect(admit.stdout).toContain(
      "deny: ORG-0001 Workloads name their owner: Deployment web: Deployment web has no owner label",
    );
  });

  it("compiles to a Gatekeeper template that gator accepts and that fails exactly the fixtures' failing objects", async () => {
    const out = path.join(work, "deploy-gatekeeper");
    const run = await rampart(["compile", "--controls", project, "--no-wasm", "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    const template = parse(readFileSync(path.join(out, "gatekeeper", "templates", "rampart-org-0001.yaml"), "utf8"));
    expect(template.spec.crd.spec.names.kind).toBe("RampartORG0001");
    const { controls } = projectLibrary(await importProject(findProject(project)));
    const cases = loadFixtures(path.join(project, "fixtures"), (id) => controls.get(id)?.parameters);
    // Every case has ownerLabel (defaults are merged in); some must set it to another value.
    expect(cases.some((entry) => entry.inputs.ownerLabel === "owner")).toBe(true);
    expect(cases.some((entry) => entry.inputs.ownerLabel !== "owner")).toBe(true);
    for (const entry of cases) {
      const verdicts = runGator({ objects: entry.objects, controlIds: [entry.control], inputs: entry.inputs }, out);
      for (const expectation of entry.expectations) {
        const verdict = verdicts.get(entry.control)?.[expectation.objectIndex];
        expect({ case: entry.name, status: verdict?.status, paths: verdict?.paths }).toEqual({
          case: entry.name,
          status: expectation.fails.length > 0 ? "fail" : "pass",
          paths: [...expectation.fails].sort(),
        });
      }
    }
  });

  it("compile --watch recompiles when a module changes", async () => {
    const controller = new AbortController();
    let stderr = "";
    let stdout = "";
    const watched = path.join(work, "watched");
    const { main } = await import("../../runtime/cli/main.js");
    const watching = main(["compile", "--controls", project, "--no-wasm", "--out", watched, "--watch"], {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
      stdin: () => Buffer.alloc(0),
      stdoutIsTTY: false,
      stderrIsTTY: false,
      signal: controller.signal,
    });
    const waitFor = async (text: string) => {
      for (let tries = 0; tries < 100 && !stderr.includes(text); tries++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(stderr).toContain(text);
    };
    const compilations = () => stdout.split("\n").filter((line) => line.startsWith("compiled ")).length;
    await waitFor("watching");
    expect(compilations(), stdout).toBe(1);
    const policy = path.join(watched, "vap", "rampart-org-0001.yaml");
    const restore = edit(control, 'return owner === ""', 'return owner == ""');
    try {
      await waitFor("error RP1003");
      expect(compilations(), "nothing written while the control is broken").toBe(1);
    } finally {
      // Gone, so that only the recompile after the repair can bring it back.
      rmSync(policy, { force: true });
      restore();
    }
    for (let tries = 0; tries < 100 && compilations() < 2; tries++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(compilations(), "recompiled after the repair").toBe(2);
    expect(readFileSync(policy, "utf8")).toContain("kind: ValidatingAdmissionPolicy");
    controller.abort();
    expect(await watching).toBe(0);
  });
});
