// Label selectors in TypeScript (dsl/selectors.ts), the specification of their Rego and CEL, held
// to Kubernetes' semantics (k8s.io/apimachinery: metav1.LabelSelectorAsSelector and
// labels.Requirement.Matches; a Service's map selector as the EndpointSlice controller reads
// it); test/differential/helpers.test.ts compares every engine on the same selectors (H-0010).
import type { LabelSelector, LabelSelectorRequirement } from "kubernetes-types/meta/v1.js";
import { describe, expect, it } from "vitest";
import { mapSelectorMatches, selectorMatches } from "../../dsl/index.js";

const web = { app: "web", tier: "front", empty: "" };
const expression = (requirement: Partial<LabelSelectorRequirement>): LabelSelector => ({
  matchExpressions: [requirement as LabelSelectorRequirement],
});

describe("selectorMatches", () => {
  it("selects everything with an empty selector, nothing without one", () => {
    expect(selectorMatches({}, web)).toBe(true);
    expect(selectorMatches({}, undefined)).toBe(true);
    expect(selectorMatches({ matchLabels: {}, matchExpressions: [] }, {})).toBe(true);
    expect(selectorMatches(undefined, web)).toBe(false);
    expect(selectorMatches(undefined, undefined)).toBe(false);
  });

  it("matchLabels: every label present with that exact value (a superset of labels matches)", () => {
    expect(selectorMatches({ matchLabels: { app: "web" } }, web)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: "web", tier: "front" } }, web)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: "web", tier: "back" } }, web)).toBe(false);
    expect(selectorMatches({ matchLabels: { app: "Web" } }, web)).toBe(false);
    expect(selectorMatches({ matchLabels: { version: "" } }, web)).toBe(false);
    expect(selectorMatches({ matchLabels: { empty: "" } }, web)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: "web" } }, undefined)).toBe(false);
  });

  it("In: the label is present with one of the values", () => {
    expect(selectorMatches(expression({ key: "app", operator: "In", values: ["api", "web"] }), web)).toBe(true);
    expect(selectorMatches(expression({ key: "app", operator: "In", values: ["api"] }), web)).toBe(false);
    expect(selectorMatches(expression({ key: "version", operator: "In", values: ["v1"] }), web)).toBe(false);
    expect(selectorMatches(expression({ key: "empty", operator: "In", values: [""] }), web)).toBe(true);
  });

  it("NotIn: the label is absent, or present with none of the values", () => {
    expect(selectorMatches(expression({ key: "app", operator: "NotIn", values: ["api"] }), web)).toBe(true);
    expect(selectorMatches(expression({ key: "version", operator: "NotIn", values: ["v1"] }), web)).toBe(true);
    expect(selectorMatches(expression({ key: "version", operator: "NotIn", values: ["v1"] }), undefined)).toBe(true);
    expect(selectorMatches(expression({ key: "app", operator: "NotIn", values: ["api", "web"] }), web)).toBe(false);
  });

  it("Exists and DoesNotExist: whatever the value, even empty", () => {
    expect(selectorMatches(expression({ key: "empty", operator: "Exists" }), web)).toBe(true);
    expect(selectorMatches(expression({ key: "version", operator: "Exists" }), web)).toBe(false);
    expect(selectorMatches(expression({ key: "version", operator: "DoesNotExist" }), web)).toBe(true);
    expect(selectorMatches(expression({ key: "empty", operator: "DoesNotExist" }), web)).toBe(false);
    expect(selectorMatches(expression({ key: "app", operator: "DoesNotExist", values: [] }), {})).toBe(true);
  });

  it("requires every requirement and every label: matchLabels and matchExpressions together", () => {
    const selector: LabelSelector = {
      matchLabels: { app: "web" },
      matchExpressions: [
        { key: "tier", operator: "In", values: ["front", "edge"] },
        { key: "canary", operator: "DoesNotExist" },
      ],
    };
    expect(selectorMatches(selector, web)).toBe(true);
    expect(selectorMatches(selector, { ...web, canary: "true" })).toBe(false);
    expect(selectorMatches(selector, { ...web, app: "api" })).toBe(false);
  });

  it("selects nothing where the API server refuses the selector", () => {
    // Values are required for In and NotIn, forbidden for Exists and DoesNotExist; a key is required.
    expect(selectorMatches(expression({ key: "app", operator: "NotIn", values: [] }), web)).toBe(false);
    expect(selectorMatches(expression({ key: "app", operator: "NotIn" }), web)).toBe(false);
    expect(selectorMatches(expression({ key: "app", operator: "In", values: [] }), web)).toBe(false);
    expect(selectorMatches(expression({ key: "app", operator: "Exists", values: ["web"] }), web)).toBe(false);
    expect(selectorMatches(expression({ key: "version", operator: "DoesNotExist", values: ["x"] }), web)).toBe(false);
    expect(selectorMatches(expression({ operator: "DoesNotExist" }), web)).toBe(false);
    expect(selectorMatches(expression({ key: "", operator: "NotIn", values: ["x"] }), web)).toBe(false);
    // Operators are case-sensitive; the set-based syntax's other operators are not selector operators.
    expect(selectorMatches(expression({ key: "app", operator: "in", values: ["web"] }), web)).toBe(false);
    expect(selectorMatches(expression({ key: "app", operator: "Gt", values: ["1"] }), web)).toBe(false);
    expect(selectorMatches(expression({ key: "app", values: ["web"] }), web)).toBe(false);
  });

  it("reads a label called like an Object property as any other label", () => {
    expect(selectorMatches(expression({ key: "constructor", operator: "Exists" }), web)).toBe(false);
    expect(selectorMatches(expression({ key: "toString", operator: "DoesNotExist" }), web)).toBe(true);
    const parsed = JSON.parse('{"__proto__": "x"}') as Record<string, string>;
    expect(selectorMatches({ matchLabels: parsed }, web)).toBe(false);
    expect(selectorMatches({ matchLabels: parsed }, parsed)).toBe(true);
  });
});

describe("mapSelectorMatches", () => {
  it("every label of the map present with its value", () => {
    expect(mapSelectorMatches({ app: "web" }, web)).toBe(true);
    expect(mapSelectorMatches({ app: "web", tier: "front" }, web)).toBe(true);
    expect(mapSelectorMatches({ app: "web", tier: "back" }, web)).toBe(false);
    expect(mapSelectorMatches({ version: "v1" }, web)).toBe(false);
    expect(mapSelectorMatches({ app: "web" }, undefined)).toBe(false);
    expect(mapSelectorMatches({ empty: "" }, web)).toBe(true);
  });

  it("selects nothing when the map is missing or empty (a Service without a selector)", () => {
    expect(mapSelectorMatches(undefined, web)).toBe(false);
    expect(mapSelectorMatches({}, web)).toBe(false);
    expect(mapSelectorMatches({}, {})).toBe(false);
  });
});
