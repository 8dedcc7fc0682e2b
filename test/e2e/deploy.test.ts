// Admission policies compiled for a deployment (controls config, exceptions, namespaces, audit)
// decide in the dry run exactly as the API server's own admission code (the oracle) decides, and
// the Gatekeeper constraints compiled with them decide as the dry run does.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import { BUILTIN_CONTROLS } from "../../frameworks/index.js";
import { dryRun, loadPolicyFolder } from "../../runtime/admission/dry-run.js";
import type { ControlInputValues } from "../../runtime/engine/engine.js";
import { loadInputs } from "../../runtime/input/load.js";
import { canonicalJson, gatorTest } from "../../runtime/testing/gator.js";
import { CROSS_RESOURCE, EXPORTED_TO_GATEKEEPER, EXPRESSIBLE_IN_CEL } from "../support/builtin.js";
import { EXAMPLES, tempFolder } from "../support/cli.js";
import { callOracle, runTypeScript } from "../support/engines.js";
import { rampart } from "./run-cli.js";

const { folder: work, file } = tempFolder("rampart-deploy-");
const out = path.join(work, "deploy");

/** The policy and the binding of a generated file, with their specs. */
function documents(name: string): Array<{ spec: Record<string, unknown> }> {
  return parseAllDocuments(readFileSync(path.join(out, "vap", name), "utf8")).map((doc) => doc.toJS());
}

beforeAll(async () => {
  const config = file(
    "controls.yaml",
    "insecureCapabilities: [CHOWN]\ncontrols:\n  C-0057: { action: warn }\n  C-0039: { action: enforce }\n",
  );
  const exceptions = file(
    "exceptions.yaml",
    "- name: agent-escalates\n  policyName: C-0016\n  resources: [{ kind: DaemonSet, name: node-agent, namespace: monitoring }]\n  justification: legacy agent\n",
  );
  const run = await rampart([
    "compile",
    "--no-wasm",
    "--out",
    out,
    "--controls-config",
    config,
    "--exceptions",
    exceptions,
    "--exclude-namespaces",
    "reporting",
    "--audit",
  ]);
  expect(run.code, run.stderr).toBe(0);
});

describe("rampart compile for a deployment", () => {
  it("maps the action of each control to validationActions, with Audit", () => {
    const [, warn] = documents("rampart-c-0057.yaml");
    const [, enforce] = documents("rampart-c-0016.yaml");
    expect(warn?.spec.validationActions).toEqual(["Warn", "Audit"]);
    expect(enforce?.spec.validationActions).toEqual(["Deny", "Audit"]);
    // A control that lists objects for review warns by default; the controls config overrides it.
    expect(documents("rampart-c-0036.yaml")[1]?.spec.validationActions).toEqual(["Warn", "Audit"]);
    expect(documents("rampart-c-0039.yaml")[1]?.spec.validationActions).toEqual(["Deny", "Audit"]);
    expect(enforce?.spec.matchResources).toEqual({
      namespaceSelector: {
        matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn", values: ["reporting"] }],
      },
    });
  });

  it("turns exceptions into matchConditions and control inputs into the params object", () => {
    const [policy] = documents("rampart-c-0016.yaml");
    expect(policy?.spec.matchConditions).toEqual([
      {
        name: "rampart-exception-1",
        expression:
          '!((object.kind.matches("^(?:DaemonSet)$") && object.metadata.?name.orValue("").matches("^(?:node-agent)$") && request.namespace.matches("^(?:monitoring)$")))',
      },
    ]);
    const params = parse(readFileSync(path.join(out, "vap", "control-inputs.yaml"), "utf8")) as {
      spec: Record<string, unknown>;
    };
    expect(params.spec.insecureCapabilities).toEqual(["CHOWN"]);
  });

  it("dry run: exempt objects pass, warn controls warn, excluded namespaces are not reviewed", () => {
    const objects = loadInputs([EXAMPLES]).objects.map((entry) => entry.object);
    const admissions = dryRun(objects, loadPolicyFolder(path.join(out, "vap")));
    const agent = admissions.find((entry) => (entry.object.metadata as { name: string }).name === "node-agent");
    expect(agent?.outcomes.map((outcome) => [outcome.controlId, outcome.result.decision])).toEqual([
      ["C-0013", "deny"],
      ["C-0017", "deny"],
      ["C-0018", "deny"],
      ["C-0041", "deny"],
      ["C-0044", "deny"],
      ["C-0055", "deny"],
      ["C-0056", "deny"],
      ["C-0057", "warn"],
      ["C-0076", "deny"],
      ["C-0077", "deny"],
      ["C-0210", "deny"],
      ["C-0211", "deny"],
      ["C-0268", "deny"],
      ["C-0269", "deny"],
      ["C-0270", "deny"],
      ["C-0271", "deny"],
    ]);
    const batch = admissions.filter(
      (entry) => (entry.object.metadata as { namespace: string }).namespace === "reporting",
    );
    expect(batch.map((entry) => entry.verdict)).toEqual(["admitted", "admitted"]);
    const web = admissions.find((entry) => entry.object.kind === "Deployment");
    expect(web?.outcomes.map((outcome) => outcome.controlId)).not.toContain("C-0046");
  });

  it("the API server decides every object and policy as the dry run does", () => {
    const objects = loadInputs([EXAMPLES]).objects.map((entry) => entry.object);
    const loaded = loadPolicyFolder(path.join(out, "vap"));
    const policies = loaded.map((entry) => {
      const [policy, binding] = documents(`${entry.name}.yaml`);
      return { policy, binding };
    });
    const params = parse(readFileSync(path.join(out, "vap", "control-inputs.yaml"), "utf8"));
    expect(objects.length).toBeGreaterThan(0);
    expect(loaded.map((entry) => entry.controlId)).toEqual(EXPRESSIBLE_IN_CEL);
    // callOracle checks that the answer has a policy per policy sent, a result per object.
    const oracle = callOracle({ kubernetesVersion: "1.35", policies, params, objects });
    for (const [position, entry] of loaded.entries()) {
      const policy = oracle.policies[position];
      expect(policy?.compileErrors).toEqual([]);
      objects.forEach((object, index) => {
        const mine = entry.policy.evaluate(object);
        const theirs = policy?.results[index];
        expect({ policy: entry.name, index, decision: mine.decision, message: mine.message ?? "" }).toEqual({
          policy: entry.name,
          index,
          decision: theirs?.decision,
          message: theirs?.message ?? "",
        });
      });
    }
  });
});

describe("rampart compile for a deployment with Gatekeeper", () => {
  const gatekeeper = (kind: "templates" | "constraints", name: string) =>
    parse(readFileSync(path.join(out, "gatekeeper", kind, name), "utf8")) as {
      spec: Record<string, unknown> & { targets?: Array<{ code: Array<{ source: { rego: string } }> }> };
    };

  it("maps actions to enforcementAction, namespaces to the match, inputs to parameters", () => {
    expect(gatekeeper("constraints", "rampart-c-0057.yaml").spec.enforcementAction).toBe("warn");
    expect(gatekeeper("constraints", "rampart-c-0016.yaml").spec).toMatchObject({
      enforcementAction: "deny",
      match: { excludedNamespaces: ["reporting"] },
    });
    expect(gatekeeper("constraints", "rampart-c-0046.yaml").spec.parameters).toEqual({
      insecureCapabilities: ["CHOWN"],
    });
    const rego = gatekeeper("templates", "rampart-c-0016.yaml").spec.targets?.[0]?.code[0]?.source.rego ?? "";
    expect(rego.slice(rego.indexOf("# exempt holds"))).toBe(`# exempt holds for the objects that exceptions let through.
# exception "agent-escalates"
exempt if {
\tregex.match("^(?:DaemonSet)$", object.get(input.review.object, "kind", ""))
\tregex.match("^(?:node-agent)$", object.get(input.review.object, ["metadata", "name"], ""))
\tregex.match("^(?:monitoring)$", object.get(input.review, "namespace", ""))
}
`);
  });

  it("Gatekeeper (gator) decides every object and exported control as the admission dry run (or the scan) does", () => {
    const objects = loadInputs([EXAMPLES]).objects.map((entry) => entry.object);
    const folder = path.join(work, "gator");
    mkdirSync(folder, { recursive: true });
    for (const kind of ["templates", "constraints"])
      cpSync(path.join(out, "gatekeeper", kind), path.join(folder, kind), { recursive: true });
    writeFileSync(path.join(folder, "objects.json"), objects.map((object) => JSON.stringify(object)).join("\n"));
    const results = gatorTest(folder);
    const policies = loadPolicyFolder(path.join(out, "vap"));
    const admissions = dryRun(objects, policies);
    const exported = readdirSync(path.join(out, "gatekeeper", "constraints"))
      .map((name) => /^rampart-(c-\d{4})\.yaml$/.exec(name)?.[1]?.toUpperCase() ?? name)
      .sort();
    expect(exported).toEqual(EXPORTED_TO_GATEKEEPER);
    expect(exported).toEqual(BUILTIN_CONTROLS.map((control) => control.id).sort());
    // The cross-resource controls have no admission policy: the scan, with the deployment's
    // inputs and namespaces, is what Gatekeeper must agree with (no exception names them).
    const withPolicy = new Set(policies.map((policy) => policy.controlId));
    const scanned = exported.filter((id) => !withPolicy.has(id));
    expect(scanned).toEqual(CROSS_RESOURCE);
    const scan = runTypeScript({
      objects,
      controlIds: scanned,
      inputs: { ...DEFAULT_CONTROL_INPUTS, insecureCapabilities: ["CHOWN"] } as ControlInputValues,
    });
    let compared = 0;
    objects.forEach((object, index) => {
      const key = canonicalJson(object);
      const namespace = (object.metadata as { namespace?: string } | undefined)?.namespace;
      for (const controlId of exported) {
        const found = results.filter(
          (result) =>
            canonicalJson(result.violatingObject) === key &&
            result.constraint.metadata.name === `rampart-${controlId.toLowerCase()}`,
        );
        compared += found.length;
        let expected: { action: string | undefined; messages: string[] };
        if (withPolicy.has(controlId)) {
          const outcome = admissions[index]?.outcomes.find((entry) => entry.controlId === controlId);
          const violations = (outcome?.result.variables.violations ?? []) as Array<{ message: string }>;
          expected = { action: outcome?.result.decision, messages: violations.map((violation) => violation.message) };
        } else {
          const verdict = scan.get(controlId)?.[index];
          const messages =
            namespace === "reporting"
              ? []
              : (verdict?.violations ?? []).map((violation) => (JSON.parse(violation) as { message: string }).message);
          expected = { action: messages.length > 0 ? "deny" : undefined, messages };
        }
        // The control's decision, and every result Gatekeeper gives for the object carries it.
        expect({
          index,
          controlId,
          action: found[0]?.enforcementAction,
          actions: found.map((result) => result.enforcementAction),
          messages: found.map((result) => result.msg).sort(),
        }).toEqual({
          index,
          controlId,
          action: expected.action,
          actions: expected.messages.map(() => expected.action),
          messages: [...expected.messages].sort(),
        });
      }
    });
    expect(compared, "every gator result belongs to an object and an exported control").toBe(results.length);
    expect(
      results.map((result) => result.constraint.metadata.name),
      "the cross-resource controls fail the node agent",
    ).toEqual(expect.arrayContaining(["rampart-c-0030", "rampart-c-0034"]));
    // The exception lets the node agent through C-0016; without it, it would be denied.
    const agent = results.filter((result) => JSON.stringify(result.violatingObject).includes('"node-agent"'));
    expect(agent.map((result) => result.constraint.metadata.name)).not.toContain("rampart-c-0016");
  });
});
