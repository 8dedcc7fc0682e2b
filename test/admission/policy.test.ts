// AdmissionPolicy against the API server's admission semantics: matching, params, match
// conditions, lazy variables, validation actions, messages and the failure policy.
import { readFileSync } from "node:fs";
import type {
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  ValidatingAdmissionPolicyBindingSpec,
  ValidatingAdmissionPolicySpec,
} from "kubernetes-types/admissionregistration/v1.js";
import { describe, expect, it } from "vitest";
import { AdmissionPolicy, parsePolicyFile } from "../../runtime/admission/policy.js";

const PODS_RULE = { apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE", "UPDATE"], resources: ["pods"] };

function pod(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, ...extra },
    spec: { containers: [{ name: "app", ports: [{ containerPort: 80 }] }] },
  };
}

function policyOf(
  spec: Partial<ValidatingAdmissionPolicySpec>,
  binding: Partial<ValidatingAdmissionPolicyBindingSpec> = {},
  params?: object,
): AdmissionPolicy {
  const policy: ValidatingAdmissionPolicy = {
    metadata: { name: "test" },
    spec: { matchConstraints: { resourceRules: [PODS_RULE] }, ...spec },
  };
  const bound: ValidatingAdmissionPolicyBinding = {
    spec: { policyName: "test", validationActions: ["Deny"], ...binding },
  };
  return new AdmissionPolicy(policy, bound, params);
}

const NAME_IS_OK = {
  expression: 'object.metadata.name == "ok"',
  messageExpression: '"bad name " + object.metadata.name',
};

describe("matching", () => {
  it("applies to the kinds its resource rules name, for CREATE", () => {
    expect(policyOf({ validations: [NAME_IS_OK] }).evaluate(pod("ok"))).toMatchObject({
      matched: true,
      decision: "admit",
    });
    const deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" } };
    expect(policyOf({ validations: [NAME_IS_OK] }).evaluate(deployment)).toMatchObject({
      matched: false,
      decision: "admit",
    });
  });

  it("does not apply to kinds Rampart has no resource for", () => {
    expect(policyOf({ validations: [NAME_IS_OK] }).evaluate({ kind: "Widget", metadata: { name: "x" } }).matched).toBe(
      false,
    );
  });

  it.each([
    ["an UPDATE-only rule", { ...PODS_RULE, operations: ["UPDATE"] }, false],
    ["a subresource", { ...PODS_RULE, resources: ["pods/ephemeralcontainers"] }, false],
    ["wildcards", { apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*"] }, true],
    ["resource names without the object's", { ...PODS_RULE, resourceNames: ["other"] }, false],
    ["resource names with the object's", { ...PODS_RULE, resourceNames: ["bad"] }, true],
  ])("follows rules with %s", (_, rule, matched) => {
    const policy = policyOf({ matchConstraints: { resourceRules: [rule] }, validations: [NAME_IS_OK] });
    expect(policy.evaluate(pod("bad")).matched).toBe(matched);
  });

  it("leaves out excluded resources and objects the object selector rejects", () => {
    const excluded = policyOf({ matchConstraints: { resourceRules: [PODS_RULE], excludeResourceRules: [PODS_RULE] } });
    expect(excluded.evaluate(pod("bad")).matched).toBe(false);
    const selective = policyOf({
      matchConstraints: { resourceRules: [PODS_RULE], objectSelector: { matchLabels: { team: "a" } } },
      validations: [NAME_IS_OK],
    });
    expect(selective.evaluate(pod("bad")).matched).toBe(false);
    expect(selective.evaluate(pod("bad", { labels: { team: "a" } })).decision).toBe("deny");
  });

  it("narrows to the binding's matchResources", () => {
    const policy = policyOf(
      { validations: [NAME_IS_OK] },
      { matchResources: { objectSelector: { matchLabels: { team: "a" } } } },
    );
    expect(policy.evaluate(pod("bad")).matched).toBe(false);
  });

  it("refuses a namespaceSelector with terms: a dry run has no namespace labels", () => {
    expect(() =>
      policyOf({
        matchConstraints: { resourceRules: [PODS_RULE], namespaceSelector: { matchLabels: { env: "prod" } } },
      }),
    ).toThrow(/namespaceSelector/);
    expect(() => policyOf({ matchConstraints: { resourceRules: [PODS_RULE], namespaceSelector: {} } })).not.toThrow();
  });

  it("skips the policy when a match condition is false, even if another fails", () => {
    const conditions = [
      { name: "fails", expression: "object.missing.field == 1" },
      { name: "named-bad", expression: 'object.metadata.name == "bad"' },
    ];
    const policy = policyOf({ matchConditions: conditions, validations: [NAME_IS_OK] });
    expect(policy.evaluate(pod("other")).matched).toBe(false);
    expect(policy.evaluate(pod("bad"))).toMatchObject({ matched: true, decision: "error" });
    const ignoring = policyOf({
      matchConditions: conditions.slice(0, 1),
      failurePolicy: "Ignore",
      validations: [NAME_IS_OK],
    });
    expect(ignoring.evaluate(pod("bad")).decision).toBe("admit");
  });
});

describe("validations", () => {
  it("deny with the messageExpression's message", () => {
    expect(policyOf({ validations: [NAME_IS_OK] }).evaluate(pod("bad"))).toMatchObject({
      matched: true,
      decision: "deny",
      message: "bad name bad",
    });
  });

  it.each([
    [["Warn"], "warn"],
    [["Audit"], "audit"],
    [["Warn", "Audit"], "warn"],
    [["Deny", "Audit"], "deny"],
  ])("follow the binding's validationActions %j", (actions, decision) => {
    expect(policyOf({ validations: [NAME_IS_OK] }, { validationActions: actions }).evaluate(pod("bad")).decision).toBe(
      decision,
    );
  });

  it.each([
    ["fails", { messageExpression: "object.missing.field", message: "static" }, "static"],
    ["is blank", { messageExpression: '"  "', message: " static " }, "static"],
    ["spans lines", { messageExpression: '"a\\nb"' }, 'failed expression: object.metadata.name == "ok"'],
    ["is not a string", { messageExpression: "1" }, 'failed expression: object.metadata.name == "ok"'],
    ["is over 5 KiB", { messageExpression: `"${"y".repeat(5 * 1024 + 1)}"`, message: "static" }, "static"],
  ])("fall back to message, then to the expression, when the messageExpression %s", (_, fields, message) => {
    const validation = { expression: 'object.metadata.name == "ok"', ...fields };
    expect(policyOf({ validations: [validation] }).evaluate(pod("bad")).message).toBe(message);
  });

  it("see JSON nulls as absent fields, as the API server's decoding leaves them", () => {
    const policy = policyOf({ validations: [{ expression: "!has(object.spec.hostNetwork)" }] });
    expect(policy.evaluate({ ...pod("x"), spec: { hostNetwork: null, containers: [] } }).decision).toBe("admit");
  });

  it("deny on a value that is not true, as the API server does", () => {
    expect(policyOf({ validations: [{ expression: '"yes"' }] }).evaluate(pod("x")).decision).toBe("deny");
  });

  it("go to the failure policy when they fail", () => {
    const failing = { validations: [{ expression: "object.spec.missing == 1" }] };
    const closed = policyOf(failing).evaluate(pod("x"));
    expect(closed).toMatchObject({ matched: true, decision: "error" });
    expect(closed.error).toMatch(/^expression 'object.spec.missing == 1' resulted in error: No such key: missing/);
    const open = policyOf({ ...failing, failurePolicy: "Ignore" }).evaluate(pod("x"));
    expect(open).toMatchObject({ matched: true, decision: "admit" });
    expect(open.error).toMatch(/No such key/);
  });

  it("report an expression that does not compile as a failure", () => {
    expect(policyOf({ validations: [{ expression: "object.(" }] }).evaluate(pod("x"))).toMatchObject({
      decision: "error",
      error: expect.stringMatching(/^compilation failed/),
    });
  });
});

describe("variables", () => {
  const variables = [
    { name: "ports", expression: "object.spec.containers.map(c, c.ports.map(p, p.containerPort)).flatten()" },
    { name: "broken", expression: "object.spec.missing" },
    { name: "firstPort", expression: "variables.ports[0] + 1" },
  ];

  it("are evaluated when used, and only then fail", () => {
    const policy = policyOf({ variables, validations: [{ expression: "variables.firstPort == 81" }] });
    expect(policy.evaluate(pod("x"))).toMatchObject({ decision: "admit", variables: { ports: [80], firstPort: 81 } });
    const usingBroken = policyOf({ variables, validations: [{ expression: "variables.broken == 1" }] });
    expect(usingBroken.evaluate(pod("x")).decision).toBe("error");
  });

  it("see only the variables declared before them", () => {
    const backwards = [
      { name: "first", expression: "variables.second" },
      { name: "second", expression: "1" },
    ];
    const result = policyOf({ variables: backwards, validations: [{ expression: "variables.first == 1" }] }).evaluate(
      pod("x"),
    );
    expect(result.decision).toBe("error");
    expect(result.variables).toEqual({ second: 1 });
  });
});

describe("params", () => {
  const usesParams = {
    paramKind: { apiVersion: "rampart.dev/v1alpha1", kind: "ControlInputs" },
    validations: [{ expression: "object.metadata.name in params.spec.allowed" }],
  };
  const paramRef = { name: "inputs", parameterNotFoundAction: "Deny" };

  it("are bound as `params` when the policy has a paramKind", () => {
    const policy = policyOf(usesParams, { paramRef }, { spec: { allowed: ["ok"] } });
    expect(policy.evaluate(pod("ok")).decision).toBe("admit");
    expect(policy.evaluate(pod("bad")).decision).toBe("deny");
  });

  it("follow parameterNotFoundAction when none are given", () => {
    expect(policyOf(usesParams, { paramRef }).evaluate(pod("ok"))).toMatchObject({
      decision: "error",
      error: expect.stringMatching(/no params found/),
    });
    const allowing = policyOf(usesParams, { paramRef: { ...paramRef, parameterNotFoundAction: "Allow" } });
    expect(allowing.evaluate(pod("bad")).decision).toBe("admit");
  });

  it("are null without a paramRef", () => {
    const policy = policyOf({ ...usesParams, validations: [{ expression: "params == null" }] }, {}, { spec: {} });
    expect(policy.evaluate(pod("x")).decision).toBe("admit");
  });
});

describe("parsePolicyFile", () => {
  it("reads the policy and the binding of a generated file", () => {
    const { policy, binding } = parsePolicyFile(
      readFileSync(new URL("../../generated/vap/rampart-c-0016.yaml", import.meta.url), "utf8"),
    );
    expect(policy.kind).toBe("ValidatingAdmissionPolicy");
    expect(binding.spec?.policyName).toBe(policy.metadata?.name);
  });

  it("refuses a file without both documents", () => {
    expect(() => parsePolicyFile("kind: ValidatingAdmissionPolicy\n")).toThrow(/ValidatingAdmissionPolicyBinding/);
    expect(() => parsePolicyFile("a: [")).toThrow(/invalid policy YAML/);
  });
});
