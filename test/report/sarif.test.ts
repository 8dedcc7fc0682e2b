// The SARIF report, checked against the SARIF 2.1.0 JSON schema (draft-04; the copy Microsoft's
// SARIF SDK ships in @microsoft/jest-sarif, SchemaStore's sarif-2.1.0-rtm.5) with Ajv, and for
// what code scanning reads: rules, levels, locations at the failing field, suppressions.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import AjvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import type { SarifLog } from "../../runtime/report/sarif.js";
import { fileUri } from "../../runtime/report/sarif.js";
import { EXAMPLES, EXCEPTIONS, jsonOf, positionIn, report, workFolder } from "./support.js";

const require = createRequire(import.meta.url);
const schema = JSON.parse(
  readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
) as object;
// The schema's pattern for `language` (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) has a stray `]`
// that only non-Unicode regular expressions accept, as JSON Schema validators outside JavaScript
// read it; `strict: false` lets the schema's own extra keywords through.
// Both packages are CommonJS with the class (plugin) also as `default`, which is what the types see.
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
const validate = ajv.compile(schema);

function expectValid(log: unknown): void {
  const valid = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
}

const file = workFolder();

type Run = SarifLog["runs"][number];
type Result = Run["results"][number];

async function sarif(args: readonly string[], stdin = ""): Promise<Run> {
  const text = await report(args, "sarif", file(`${Math.random().toString(36).slice(2)}.sarif`), stdin);
  const log = JSON.parse(text) as SarifLog;
  expectValid(log);
  expect(log.runs).toHaveLength(1);
  return log.runs[0] as Run;
}

function resultFor(run: Run, ruleId: string, resourceID: string): Result {
  const found = run.results.find(
    (result) =>
      result.ruleId === ruleId && result.locations[0]?.logicalLocations?.[0]?.fullyQualifiedName === resourceID,
  );
  if (found === undefined) throw new Error(`no ${ruleId} result for ${resourceID}`);
  return found;
}

describe("sarif report", () => {
  const nsa = ["scan", "framework", "nsa", EXAMPLES];

  it("is valid SARIF 2.1.0 with one rule per evaluated control and one result per failure", async () => {
    const run = await sarif(nsa);
    const json = await jsonOf(nsa);
    const evaluated = json.results.filter((control) => control.status !== "skipped");
    expect(run.tool.driver.name).toBe("rampart");
    expect(run.tool.driver.rules.map((rule) => rule.id)).toEqual(evaluated.map((control) => control.controlID));
    expect(run.results).toHaveLength(
      evaluated.reduce((sum, control) => sum + control.resourceCounters.failed + control.resourceCounters.excepted, 0),
    );
    for (const result of run.results) {
      expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
      expect(result.suppressions).toBeUndefined();
    }
    // Skipped controls are notes of the run, not rules.
    const notes = run.invocations[0]?.toolExecutionNotifications ?? [];
    expect(notes.filter((note) => note.descriptor?.id === "skipped-control")).toHaveLength(
      json.results.length - evaluated.length,
    );
  });

  it("is checked by a validator that rejects what the schema forbids", async () => {
    const log = JSON.parse(await report(nsa, "sarif", file("broken.sarif"))) as SarifLog;
    expectValid(log);
    const broken = structuredClone(log) as unknown as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    const first = broken.runs[0]?.results[0] as Record<string, unknown>;
    first.level = "fatal";
    first.locations = [{ physicalLocation: { artifactLocation: { uri: "a b" }, region: { startLine: 0 } } }];
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath)).toEqual(
      expect.arrayContaining([
        "/runs/0/results/0/level",
        "/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri",
        "/runs/0/results/0/locations/0/physicalLocation/region/startLine",
      ]),
    );
  });

  it("describes each control as a rule with its severity", async () => {
    const run = await sarif(nsa);
    const escalation = run.tool.driver.rules.find((rule) => rule.id === "C-0016");
    expect(escalation).toMatchObject({
      name: "Allow privilege escalation",
      shortDescription: { text: "Allow privilege escalation" },
      defaultConfiguration: { level: "warning" },
      properties: { "security-severity": "6.0", severity: "Medium" },
    });
    expect(escalation?.fullDescription.text).toMatch(/escalat/i);
    expect(escalation?.help.text).toContain("allowPrivilegeEscalation");
    const level = { Critical: "error", High: "error", Medium: "warning", Low: "note" };
    for (const rule of run.tool.driver.rules) {
      expect(rule.defaultConfiguration.level).toBe(level[rule.properties.severity as keyof typeof level]);
      expect(Number(rule.properties["security-severity"])).toBeGreaterThan(0);
    }
    expect(new Set(run.tool.driver.rules.map((rule) => rule.defaultConfiguration.level))).toEqual(
      new Set(["error", "warning", "note"]),
    );
  });

  it("places a result at the first failing field, or at its nearest existing ancestor", async () => {
    const run = await sarif(nsa);
    const web = path.join(EXAMPLES, "web-app.yaml");
    // The log-shipper container has a securityContext without allowPrivilegeEscalation.
    const escalation = resultFor(run, "C-0016", "apps/v1/shop/Deployment/web");
    expect(escalation.level).toBe("warning");
    expect(escalation.message.text).toBe('container "log-shipper" does not set allowPrivilegeEscalation to false');
    expect(escalation.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: "examples/web-app.yaml" },
      // The third securityContext of the file: the pod's, the web container's, the shipper's.
      region: { startLine: positionIn(web, "securityContext:", 2).line, startColumn: 11 },
    });
    expect(escalation.locations[0]?.logicalLocations).toEqual([
      { name: "web", fullyQualifiedName: "apps/v1/shop/Deployment/web", kind: "resource" },
    ]);
    expect(escalation.properties).toMatchObject({ kind: "Deployment", name: "web", namespace: "shop" });
    // An existing field: the key itself.
    const token = resultFor(run, "C-0012", "apps/v1/shop/Deployment/web");
    const tokenName = positionIn(web, "name: SHIPPER_API_TOKEN");
    expect(token.locations[0]?.physicalLocation.region).toEqual({
      startLine: tokenName.line,
      startColumn: tokenName.column,
    });
    expect(token.relatedLocations?.map((location) => location.message?.text)).toEqual([
      "spec.template.spec.containers[1].env[0].value",
    ]);
    expect(token.relatedLocations?.[0]?.physicalLocation.region?.startLine).toBe(
      positionIn(web, 'value: "c2VjcmV0').line,
    );
    // A ConfigMap key, written data[key].
    const agent = path.join(EXAMPLES, "node-agent.yaml");
    const password = resultFor(run, "C-0012", "v1/monitoring/ConfigMap/agent-config");
    expect(password.locations[0]?.physicalLocation.region).toEqual({
      startLine: positionIn(agent, "remote_write_password").line,
      startColumn: 3,
    });
  });

  it("keeps failures that exceptions accept, as suppressed results", async () => {
    const exceptions = file("exceptions.yaml", EXCEPTIONS);
    const run = await sarif([...nsa, "--exceptions", exceptions]);
    const accepted = resultFor(run, "C-0016", "apps/v1/shop/Deployment/web");
    expect(accepted.suppressions).toEqual([
      {
        kind: "external",
        status: "accepted",
        justification: `the log shipper's "sidecar" needs <escalation> & we accept it`,
        properties: { exception: "shipper-escalates", where: `${exceptions}:1` },
      },
    ]);
    expect(accepted.properties.status).toBe("excepted");
    const others = run.results.filter((result) => result.ruleId === "C-0016" && result !== accepted);
    expect(others).toHaveLength(10);
    for (const result of others) expect(result.suppressions).toBeUndefined();
  });

  it("points at the Helm template, keeping the rendered line as a second location", async () => {
    const rendered = file(
      "rendered.yaml",
      `---
# Source: shop/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  template:
    spec:
      containers:
        - name: app
          image: app:1
          securityContext:
            privileged: true
`,
    );
    const run = await sarif(["scan", "control", "C-0057", rendered]);
    const result = resultFor(run, "C-0057", "apps/v1//Deployment/shop");
    expect(result.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: "shop/templates/deployment.yaml" } },
        logicalLocations: [{ name: "shop", fullyQualifiedName: "apps/v1//Deployment/shop", kind: "resource" }],
      },
      {
        physicalLocation: {
          artifactLocation: { uri: pathToFileURL(rendered).href },
          region: { startLine: 14, startColumn: 13 },
        },
        logicalLocations: [{ name: "shop", fullyQualifiedName: "apps/v1//Deployment/shop", kind: "resource" }],
        message: { text: "rendered manifest" },
      },
    ]);
    expect(result.properties.template).toBe("shop/templates/deployment.yaml");
  });

  it("falls back to the object's first line for standard input, and reports skipped inputs", async () => {
    const manifest = readFileSync(path.join(EXAMPLES, "node-agent.yaml"), "utf8");
    const run = await sarif(["scan", "control", "C-0057", "-"], `kind: [broken\n---\n${manifest}`);
    const result = resultFor(run, "C-0057", "apps/v1/monitoring/DaemonSet/node-agent");
    expect(result.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: "%3Cstdin%3E" },
      // The object's first line: after the broken document and the file's leading comment.
      region: { startLine: 4 },
    });
    const skipped = run.invocations[0]?.toolExecutionNotifications.filter(
      (note) => note.descriptor?.id === "skipped-input",
    );
    expect(skipped).toHaveLength(1);
    expect(skipped?.[0]?.level).toBe("warning");
    expect(skipped?.[0]?.message.text).toMatch(/^<stdin>:\d+: YAML syntax error/);
  });

  it("places objects of a kubectl List (JSON) at their own fields", async () => {
    const list = file(
      "pods.json",
      `${JSON.stringify(
        {
          apiVersion: "v1",
          kind: "List",
          items: [
            {
              apiVersion: "v1",
              kind: "Pod",
              metadata: { name: "calm" },
              spec: { containers: [{ name: "c", image: "i" }] },
            },
            {
              apiVersion: "v1",
              kind: "Pod",
              metadata: { name: "root", namespace: "ops" },
              spec: { containers: [{ name: "c", image: "i", securityContext: { privileged: true } }] },
            },
          ],
        },
        null,
        2,
      )}\n`,
    );
    const run = await sarif(["scan", "control", "C-0057", list]);
    expect(run.results).toHaveLength(1);
    const privileged = positionIn(list, '"privileged"');
    expect(run.results[0]?.locations[0]?.physicalLocation.region).toEqual({
      startLine: privileged.line,
      startColumn: privileged.column,
    });
  });

  it("writes URI references for paths with reserved characters", () => {
    expect(fileUri(path.join("charts", "my app", "a#b?.yaml"))).toBe("charts/my%20app/a%23b%3F.yaml");
    expect(fileUri("<stdin>")).toBe("%3Cstdin%3E");
    expect(fileUri("/tmp/x y.yaml")).toBe("file:///tmp/x%20y.yaml");
  });
});
