// Hand-written manifests can hold objects the API server would reject (`containers: 5`, `env:`
// written as a mapping). Engines cannot agree on such objects (Rego loops over a mapping's
// values where TypeScript and CEL fail), so a scan checks the types of the fields controls
// read first and reports a malformed object as an error of every control that evaluates it,
// naming the field; the objects around it are scanned as usual.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { BUILTIN_CONTROLS } from "../../frameworks/index.js";
import { EMPTY_CONTROLS_CONFIG, effectiveInputs } from "../../runtime/config/controls-config.js";
import { ReferenceEngine } from "../../runtime/engine/reference.js";
import { builtinEngine } from "../../runtime/generated.js";
import { loadInputs } from "../../runtime/input/load.js";
import { shapeProblem } from "../../runtime/input/shape.js";
import type { JsonReport } from "../../runtime/report/json.js";
import { scan } from "../../runtime/scan.js";
import { builtinLibrary, selectControls } from "../../runtime/selection.js";
import { rampart } from "./run-cli.js";

const pod = (name: string, spec: unknown) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name, namespace: "default" },
  spec,
});
const app = { name: "app", image: "nginx" };
const role = (kind: "Role" | "ClusterRole", name: string, rules: unknown) => ({
  apiVersion: "rbac.authorization.k8s.io/v1",
  kind,
  metadata: kind === "Role" ? { name, namespace: "default" } : { name },
  rules,
});

/** Each malformed object, with the field and the complaint a scan must name. */
const MALFORMED = [
  [pod("containers-number", { containers: 5 }), "spec.containers: expected a list, found a number"],
  [pod("containers-mapping", { containers: app }), "spec.containers: expected a list, found a mapping"],
  [pod("container-string", { containers: ["nginx"] }), "spec.containers[0]: expected a mapping, found a string"],
  [
    pod("init-containers-string", { containers: [app], initContainers: "x" }),
    "spec.initContainers: expected a list, found a string",
  ],
  [pod("spec-string", "nginx"), "spec: expected a mapping, found a string"],
  [
    pod("capabilities-string", { containers: [{ ...app, securityContext: { capabilities: { add: "SYS_ADMIN" } } }] }),
    "spec.containers[0].securityContext.capabilities.add: expected a list, found a string",
  ],
  [
    pod("env-mapping", { containers: [{ ...app, env: { name: "PASSWORD", value: "x" } }] }),
    "spec.containers[0].env: expected a list, found a mapping",
  ],
  [
    pod("env-string", { containers: [{ ...app, env: "PASSWORD=hunter2" }] }),
    "spec.containers[0].env: expected a list, found a string",
  ],
  [
    pod("env-value-number", { containers: [{ ...app, env: [{ name: "PORT", value: 8080 }] }] }),
    "spec.containers[0].env[0].value: expected a string, found a number",
  ],
  [
    pod("cpu-words", { containers: [{ ...app, resources: { limits: { cpu: "2 cores" } } }] }),
    "spec.containers[0].resources.limits[cpu]: expected a quantity (500m, 2, 1.5, 128Mi, 2Gi), found a string",
  ],
  [
    pod("privileged-string", { containers: [{ ...app, securityContext: { privileged: "true" } }] }),
    "spec.containers[0].securityContext.privileged: expected true or false, found a string",
  ],
  [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "labels-list", namespace: "default" },
      spec: { template: { metadata: { labels: ["app"] }, spec: { containers: [app] } } },
    },
    "spec.template.metadata.labels: expected a mapping, found a list",
  ],
  [
    {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "cron-ports", namespace: "default" },
      spec: {
        jobTemplate: { spec: { template: { spec: { containers: [{ ...app, ports: [{ hostPort: "80" }] }] } } } },
      },
    },
    "spec.jobTemplate.spec.template.spec.containers[0].ports[0].hostPort: expected an integer, found a string",
  ],
  [
    {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "data-nested", namespace: "default" },
      data: { a: { b: 1 } },
    },
    "data[a]: expected a string, found a mapping",
  ],
  [
    pod("port-name-number", { containers: [{ ...app, ports: [{ containerPort: 80, name: 80 }] }] }),
    "spec.containers[0].ports[0].name: expected a string, found a number",
  ],
  [pod("container-null", { containers: [app, null] }), "spec.containers[1]: expected a mapping, found null"],
] as const;

/** Malformed roles: no built-in control reads them, so only their shapes are checked here. */
const MALFORMED_ROLES = [
  [role("Role", "rules-mapping", { verbs: ["get"], resources: ["pods"] }), "rules: expected a list, found a mapping"],
  [role("ClusterRole", "rule-null", [null]), "rules[0]: expected a mapping, found null"],
  [
    role("ClusterRole", "verbs-string", [{ verbs: "*", apiGroups: ["*"], resources: ["*"] }]),
    "rules[0].verbs: expected a list, found a string",
  ],
  [
    role("Role", "verb-null", [{ verbs: ["get", null], apiGroups: [""], resources: ["pods"] }]),
    "rules[0].verbs[1]: expected a string, found null",
  ],
  [
    role("Role", "group-number", [{ verbs: ["get"], apiGroups: [1], resources: ["pods"] }]),
    "rules[0].apiGroups[0]: expected a string, found a number",
  ],
  [
    role("Role", "names-string", [{ verbs: ["get"], apiGroups: [""], resources: ["secrets"], resourceNames: "db" }]),
    "rules[0].resourceNames: expected a list, found a string",
  ],
  [
    role("ClusterRole", "urls-mapping", [{ verbs: ["get"], nonResourceURLs: { path: "/healthz" } }]),
    "rules[0].nonResourceURLs: expected a list, found a mapping",
  ],
] as const;

describe("the types of the fields controls read", () => {
  it.each(
    [...MALFORMED, ...MALFORMED_ROLES].map(([object, problem]) => [object.metadata.name, object, problem] as const),
  )("%s", (_, object, problem) => {
    const found = shapeProblem(object as Record<string, unknown>);
    expect(found === undefined ? undefined : `${found.path}: ${found.message}`).toBe(problem);
  });

  it("accepts what the API server accepts: quantities as numbers or strings, missing fields, unknown fields", () => {
    const fine = pod("fine", {
      containers: [
        { ...app, resources: { limits: { cpu: 1, memory: "1Gi" }, requests: { cpu: " 500m" } }, futureField: [1, "x"] },
      ],
      initContainers: undefined,
      hostNetwork: false,
    });
    expect(shapeProblem(fine)).toBeUndefined();
    expect(shapeProblem({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" }, spec: 5 })).toBe(
      undefined,
    );
    const rules = [
      { verbs: ["*"], apiGroups: ["*"], resources: ["*"], resourceNames: [] },
      { verbs: ["get"], nonResourceURLs: ["/healthz*"], apiGroups: null },
      { verbs: null },
    ];
    expect(shapeProblem(role("ClusterRole", "fine", rules))).toBeUndefined();
    expect(shapeProblem(role("Role", "no-rules", null))).toBeUndefined();
  });
});

describe("a scan with malformed objects", () => {
  const work = mkdtempSync(path.join(tmpdir(), "rampart-malformed-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const good = pod("good", { containers: [app] });
  const objects = [good, ...MALFORMED.map(([object]) => object)];
  const manifest = path.join(work, "mixed.yaml");
  writeFileSync(manifest, objects.map((object) => stringify(object)).join("---\n"));

  it("reports each as an error of every control that evaluates it, and scans the others", async () => {
    const run = await rampart(["scan", manifest, "--format", "json"]);
    const report = JSON.parse(run.stdout) as JsonReport;
    for (const [object, problem] of MALFORMED) {
      const name = object.metadata.name;
      const verdicts = report.results.flatMap((result) =>
        result.resources.filter((resource) => resource.name === name).map((resource) => [result.controlID, resource]),
      );
      expect(verdicts.length, `${name} is evaluated by some control`).toBeGreaterThan(0);
      // Every control that reads the object's kind reports it, not only those that mention it
      // (those that require what the input lacks, such as control-plane pods, are skipped).
      expect(verdicts.map(([id]) => id).sort(), `the controls that evaluate ${object.kind} ${name}`).toEqual(
        BUILTIN_CONTROLS.filter((control) => (control.kinds as readonly string[]).includes(object.kind))
          .filter((control) => control.requires.length === 0)
          .map((control) => control.id)
          .sort(),
      );
      for (const [id, resource] of verdicts) {
        expect(resource, `${id} on ${name}`).toMatchObject({
          status: "error",
          error: `malformed object, which the API server would reject: ${problem}`,
        });
      }
      expect(run.stderr).toContain(
        `: ${object.kind}/${name}: ${problem}; every control reports this object as an error`,
      );
    }
    const goodVerdicts = report.results.flatMap((result) =>
      result.resources.filter((resource) => resource.name === "good").map((resource) => resource.status),
    );
    expect(goodVerdicts).toContain("passed");
    expect(goodVerdicts).not.toContain("error");
    // A misplaced value may be a credential: only its type is named.
    expect(`${run.stdout}${run.stderr}`).not.toContain("hunter2");
  });

  it("names the line of the malformed field", async () => {
    const run = await rampart(["scan", "control", "C-0016", manifest, "--format", "json"]);
    const lines = run.stderr.split("\n").filter((line) => line.includes("Pod/containers-number"));
    const text = objects
      .map((object) => stringify(object))
      .join("---\n")
      .split("\n");
    const fieldLine = text.indexOf("  containers: 5") + 1;
    expect(fieldLine).toBeGreaterThan(1);
    expect(lines).toEqual([expect.stringContaining(`${manifest}:${fieldLine}: Pod/containers-number`)]);
  });
});

describe("a malformed object that controls look up", () => {
  const work = mkdtempSync(path.join(tmpdir(), "rampart-malformed-lookup-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default" },
    spec: {
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [app] } },
    },
  };
  // matchExpressions written as a mapping: the API server would reject the NetworkPolicy.
  const networkPolicy = {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name: "broken", namespace: "default" },
    spec: { podSelector: { matchExpressions: { key: "app" } } },
  };
  const manifest = path.join(work, "lookup.yaml");
  writeFileSync(manifest, [deployment, networkPolicy].map((object) => stringify(object)).join("---\n"));
  const problem = "spec.podSelector.matchExpressions: expected a list, found a mapping";

  it("is left out of the inventory, so every engine gives the workload the same verdict, and is an error itself", async () => {
    const library = builtinLibrary();
    const selection = selectControls(library, ["C-0030"]);
    const inputs = effectiveInputs(EMPTY_CONTROLS_CONFIG);
    const { engine: wasm, inventoryKinds } = builtinEngine(selection);
    const verdicts: unknown[] = [];
    for (const engine of [wasm, new ReferenceEngine(library.controls)]) {
      const result = await scan({ loaded: loadInputs([manifest]), selection, inputs, engine, inventoryKinds });
      expect(result.malformed.map(({ object, problem, evaluated }) => [object.name, problem, evaluated])).toEqual([
        ["broken", { path: "spec.podSelector.matchExpressions", message: "expected a list, found a mapping" }, true],
      ]);
      verdicts.push(result.controls[0]?.resources.map((resource) => [resource.object.name, resource.status]));
    }
    // C-0030 counts network policies as resources (they pass, as in Kubescape): a broken one is an error.
    expect(verdicts[0]).toEqual([
      ["web", "failed"],
      ["broken", "error"],
    ]);
    expect(verdicts[1]).toEqual(verdicts[0]);
  });

  it("is named in a warning: an error of the controls that evaluate it, left out of what the others look up", async () => {
    const run = await rampart(["scan", "control", "C-0030", manifest, "--format", "json"]);
    expect(run.stderr).toContain(`: NetworkPolicy/broken: ${problem}; every control reports this object as an error`);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.results[0]?.resources.map((resource) => [resource.name, resource.status])).toEqual([
      ["web", "failed"],
      ["broken", "error"],
    ]);
    const other = await rampart(["scan", "control", "C-0057", manifest, "--format", "json"]);
    expect(other.stderr).toContain(`: NetworkPolicy/broken: ${problem}; left out of the objects controls look up`);
  });
});
