// RBAC rule matching in TypeScript (dsl/rbac.ts), the specification of ruleAllows' and
// rulesAllowing's Rego and CEL; test/differential/helpers.test.ts compares every engine on the
// same rules. The expectations restate the API server's RBAC authorizer (RuleAllows and the
// matchers of k8s.io/kubernetes pkg/apis/rbac/v1).
import type { PolicyRule } from "kubernetes-types/rbac/v1.js";
import { describe, expect, it } from "vitest";
import { type RbacRequest, type RbacRole, ruleAllows, rulesAllowing } from "../../dsl/index.js";

const rule = (fields: Partial<PolicyRule>): PolicyRule => ({ verbs: [], ...fields });
const readSecrets: RbacRequest = { verbs: ["get"], apiGroups: [""], resources: ["secrets"] };

describe("ruleAllows: verbs and API groups", () => {
  it.each<[string, Partial<PolicyRule>, boolean]>([
    ["the verb listed", { verbs: ["get"], apiGroups: [""], resources: ["secrets"] }, true],
    ["every verb", { verbs: ["*"], apiGroups: [""], resources: ["secrets"] }, true],
    ["another verb", { verbs: ["list"], apiGroups: [""], resources: ["secrets"] }, false],
    ["a verb in another case", { verbs: ["GET"], apiGroups: [""], resources: ["secrets"] }, false],
    ["no verbs", { verbs: [], apiGroups: [""], resources: ["secrets"] }, false],
    ["the core group only as the empty string", { verbs: ["get"], apiGroups: ["v1"], resources: ["secrets"] }, false],
    ["every group", { verbs: ["get"], apiGroups: ["*"], resources: ["secrets"] }, true],
    ["no apiGroups at all", { verbs: ["get"], resources: ["secrets"] }, false],
    ["empty apiGroups", { verbs: ["get"], apiGroups: [], resources: ["secrets"] }, false],
    ["a star inside a verb is literal", { verbs: ["g*"], apiGroups: [""], resources: ["secrets"] }, false],
  ])("%s", (_, fields, allowed) => {
    expect(ruleAllows(rule(fields), readSecrets)).toBe(allowed);
  });

  it("allows when any requested verb and any requested group is allowed", () => {
    const deployments = rule({ verbs: ["patch"], apiGroups: ["apps"], resources: ["deployments"] });
    expect(
      ruleAllows(deployments, { verbs: ["update", "patch"], apiGroups: ["", "apps"], resources: ["deployments"] }),
    ).toBe(true);
    expect(ruleAllows(deployments, { verbs: ["update"], apiGroups: ["", "apps"], resources: ["deployments"] })).toBe(
      false,
    );
  });

  it("an empty list in the request asks for nothing, even of a rule allowing everything", () => {
    const everything = rule({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] });
    expect(ruleAllows(everything, { verbs: [], apiGroups: [""], resources: ["pods"] })).toBe(false);
    expect(ruleAllows(everything, { verbs: ["get"], apiGroups: [], resources: ["pods"] })).toBe(false);
    expect(ruleAllows(everything, { verbs: ["get"], apiGroups: [""], resources: [] })).toBe(false);
    expect(ruleAllows(everything, { verbs: ["get"], apiGroups: [""], resources: ["pods"], resourceNames: [] })).toBe(
      false,
    );
    expect(ruleAllows(everything, { verbs: ["get"], apiGroups: [""], resources: ["pods"] })).toBe(true);
  });

  it("a missing rule allows nothing", () => {
    expect(ruleAllows(undefined, readSecrets)).toBe(false);
  });
});

describe("ruleAllows: resources and subresources", () => {
  const allows = (resources: string[], requested: string) =>
    ruleAllows(rule({ verbs: ["get"], apiGroups: [""], resources }), {
      verbs: ["get"],
      apiGroups: [""],
      resources: [requested],
    });

  it.each([
    [["pods"], "pods", true],
    [["*"], "pods", true],
    [["*"], "pods/exec", true],
    [["pods"], "pods/exec", false],
    [["pods/exec"], "pods/exec", true],
    [["pods/exec"], "pods", false],
    [["*/exec"], "pods/exec", true],
    [["*/exec"], "deployments/exec", true],
    [["*/exec"], "pods", false],
    [["*/exec"], "pods/log", false],
    [["*/exe"], "pods/exec", false],
    [["*/xec"], "pods/exec", false],
    [["pods/*"], "pods/exec", false],
    [["pods/*"], "pods/*", true],
    [["*/"], "pods/", false],
    [["pods/"], "pods/", true],
    [["*/b/c"], "a/b/c", true],
    [["*/c"], "a/b/c", false],
    [["p*"], "pods", false],
    [["Pods"], "pods", false],
    [[], "pods", false],
  ] as const)("rule %j, request %s", (resources, requested, allowed) => {
    expect(allows([...resources], requested)).toBe(allowed);
  });

  it("a rule without resources allows no resource", () => {
    expect(ruleAllows(rule({ verbs: ["*"], apiGroups: ["*"] }), readSecrets)).toBe(false);
  });
});

describe("ruleAllows: resource names", () => {
  const named = rule({ verbs: ["get"], apiGroups: [""], resources: ["secrets"], resourceNames: ["db", "cache"] });

  it("a rule without names, or with an empty list, allows every name and none", () => {
    for (const resourceNames of [undefined, []]) {
      const open = rule({ verbs: ["get"], apiGroups: [""], resources: ["secrets"], resourceNames });
      expect(ruleAllows(open, readSecrets)).toBe(true);
      expect(ruleAllows(open, { ...readSecrets, resourceNames: ["anything"] })).toBe(true);
      expect(ruleAllows(open, { ...readSecrets, resourceNames: [""] })).toBe(true);
    }
  });

  it("a rule with names allows those names only, and never a request without a name", () => {
    expect(ruleAllows(named, readSecrets)).toBe(false);
    expect(ruleAllows(named, { ...readSecrets, resourceNames: ["db"] })).toBe(true);
    expect(ruleAllows(named, { ...readSecrets, resourceNames: ["other", "cache"] })).toBe(true);
    expect(ruleAllows(named, { ...readSecrets, resourceNames: ["other"] })).toBe(false);
    expect(ruleAllows(named, { ...readSecrets, resourceNames: ["DB"] })).toBe(false);
  });

  it("a star among the names is a name, not a wildcard", () => {
    const star = rule({ verbs: ["get"], apiGroups: [""], resources: ["secrets"], resourceNames: ["*"] });
    expect(ruleAllows(star, { ...readSecrets, resourceNames: ["db"] })).toBe(false);
    expect(ruleAllows(star, { ...readSecrets, resourceNames: ["*"] })).toBe(true);
  });

  it("names do not matter to non-resource requests", () => {
    const urls = rule({ verbs: ["get"], nonResourceURLs: ["/healthz"], resourceNames: ["x"] });
    expect(ruleAllows(urls, { verbs: ["get"], nonResourceURLs: ["/healthz"] })).toBe(true);
  });
});

describe("ruleAllows: non-resource URLs", () => {
  const allows = (nonResourceURLs: string[], url: string) =>
    ruleAllows(rule({ verbs: ["get"], nonResourceURLs }), { verbs: ["get"], nonResourceURLs: [url] });

  it.each([
    [["/healthz"], "/healthz", true],
    [["/healthz"], "/healthz/ready", false],
    [["/healthz*"], "/healthz", true],
    [["/healthz*"], "/healthz/ready", true],
    [["/healthz*"], "/healthzfoo", true],
    [["/healthz/*"], "/healthz", false],
    [["/healthz/*"], "/healthz/", true],
    [["/healthz**"], "/healthz", true],
    [["*"], "/anything", true],
    [["**"], "/anything", true],
    [["*"], "", true],
    [["/a*b"], "/axb", false],
    [["/a*b"], "/a*b", true],
    [["/a*b*"], "/a*bc", true],
    [["/a*b*"], "/axbc", false],
    [["/api"], "/API", false],
    [[], "/healthz", false],
  ] as const)("rule %j, URL %s", (urls, url, allowed) => {
    expect(allows([...urls], url)).toBe(allowed);
  });

  it("resources and API groups of the rule do not match URLs, and URLs do not match resources", () => {
    const resources = rule({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] });
    expect(ruleAllows(resources, { verbs: ["get"], nonResourceURLs: ["/healthz"] })).toBe(false);
    const urls = rule({ verbs: ["*"], nonResourceURLs: ["*"] });
    expect(ruleAllows(urls, readSecrets)).toBe(false);
  });

  it("needs the verb too", () => {
    const urls = rule({ verbs: ["get"], nonResourceURLs: ["*"] });
    expect(ruleAllows(urls, { verbs: ["post"], nonResourceURLs: ["/api"] })).toBe(false);
    expect(ruleAllows(urls, { verbs: ["post", "get"], nonResourceURLs: ["/api"] })).toBe(true);
  });
});

describe("rulesAllowing", () => {
  const role = (rules: PolicyRule[] | undefined): RbacRole => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: { name: "reader" },
    ...(rules === undefined ? {} : { rules }),
  });

  it("gives the allowing rules with their paths, in order", () => {
    const rules = [
      rule({ verbs: ["get"], apiGroups: ["apps"], resources: ["deployments"] }),
      rule({ verbs: ["get", "list"], apiGroups: [""], resources: ["secrets"] }),
      rule({ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }),
      rule({ verbs: ["get"], nonResourceURLs: ["*"] }),
    ];
    expect(rulesAllowing(role(rules), readSecrets)).toEqual([
      { rule: rules[1], path: "rules[1]" },
      { rule: rules[2], path: "rules[2]" },
    ]);
  });

  it("a role without rules, with no rules, or missing, allows nothing", () => {
    expect(rulesAllowing(role(undefined), readSecrets)).toEqual([]);
    expect(rulesAllowing(role([]), readSecrets)).toEqual([]);
    expect(rulesAllowing(undefined, readSecrets)).toEqual([]);
  });
});
