// RBAC rule matching in TypeScript (dsl/rbac.ts), the specification of ruleAllows' and
// rulesAllowing's Rego and CEL; test/differential/helpers.test.ts compares every engine on the
// same rules (and the RBAC controls' fixtures on boundRole, grantedRules and bindingSubjects). The expectations restate the API server's RBAC authorizer (RuleAllows and the
// matchers of k8s.io/kubernetes pkg/apis/rbac/v1).
import type { PolicyRule } from "kubernetes-types/rbac/v1.js";
import { describe, expect, it } from "vitest";
import {
  bindingSubjects,
  boundRole,
  grantedRules,
  type RbacBinding,
  type RbacRequest,
  type RbacRole,
  ruleAllows,
  rulesAllowing,
  subjectKey,
  subjectNamespace,
} from "../../dsl/index.js";
import { inventoryOf } from "../../runtime/engine/engine.js";
import { subjectLookups } from "../../runtime/subjects.js";

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

describe("boundRole, grantedRules, bindingSubjects: who a binding grants what", () => {
  type Kinded = Record<string, unknown> & { kind: string };
  const clusterRole = (name: string, fields: Record<string, unknown> = {}): Kinded => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "ClusterRole",
    metadata: { name, ...((fields.labels as object | undefined) === undefined ? {} : { labels: fields.labels }) },
    ...(fields.rules === undefined ? {} : { rules: fields.rules }),
    ...(fields.selectors === undefined ? {} : { aggregationRule: { clusterRoleSelectors: fields.selectors } }),
  });
  const role = (name: string, namespace: string, rules: PolicyRule[]): Kinded => ({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name, namespace },
    rules,
  });
  const binding = (kind: string, roleKind: string, roleName: string, namespace?: string): RbacBinding =>
    ({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind,
      metadata: { name: "b", ...(namespace === undefined ? {} : { namespace }) },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: roleKind, name: roleName },
      subjects: [],
    }) as unknown as RbacBinding;
  const contextOf = (objects: Kinded[]) => subjectLookups(inventoryOf(objects));
  const exec = rule({ verbs: ["create"], apiGroups: [""], resources: ["pods/exec"] });
  const read = rule({ verbs: ["get"], apiGroups: [""], resources: ["pods"] });

  it("a RoleBinding binds a Role of its own namespace or a ClusterRole; a ClusterRoleBinding only a ClusterRole", () => {
    const context = contextOf([
      role("r", "shop", [exec]),
      role("r", "blog", [read]),
      clusterRole("c", { rules: [read] }),
    ]);
    expect(boundRole(binding("RoleBinding", "Role", "r", "shop"), context)?.rules).toEqual([exec]);
    expect(boundRole(binding("RoleBinding", "Role", "r", "other"), context)).toBeUndefined();
    expect(boundRole(binding("RoleBinding", "ClusterRole", "c", "shop"), context)?.metadata?.name).toBe("c");
    expect(boundRole(binding("ClusterRoleBinding", "ClusterRole", "c"), context)?.metadata?.name).toBe("c");
    expect(boundRole(binding("ClusterRoleBinding", "Role", "r"), context)).toBeUndefined();
    expect(boundRole(binding("ClusterRoleBinding", "ClusterRole", "missing"), context)).toBeUndefined();
  });

  it("a ClusterRole is found by name whatever namespace its manifest gives it", () => {
    const context = contextOf([{ ...clusterRole("c", { rules: [read] }), metadata: { name: "c", namespace: "x" } }]);
    expect(boundRole(binding("ClusterRoleBinding", "ClusterRole", "c"), context)?.metadata?.name).toBe("c");
  });

  it("grants the bound role's rules with their paths", () => {
    const context = contextOf([clusterRole("c", { rules: [read, exec] })]);
    expect(grantedRules(binding("ClusterRoleBinding", "ClusterRole", "c"), context)).toEqual([
      { rule: read, path: "rules[0]", role: expect.objectContaining({ metadata: { name: "c" } }) },
      { rule: exec, path: "rules[1]", role: expect.objectContaining({ metadata: { name: "c" } }) },
    ]);
    expect(grantedRules(binding("ClusterRoleBinding", "ClusterRole", "missing"), context)).toEqual([]);
  });

  it("an aggregated ClusterRole without rules grants those of the ClusterRoles it selects, two levels deep, not itself", () => {
    const label = (key: string) => ({ [`example.com/${key}`]: "true" });
    const context = contextOf([
      clusterRole("admin", { selectors: [{ matchLabels: label("admin") }], labels: label("admin") }),
      clusterRole("edit", { selectors: [{ matchLabels: label("edit") }], labels: label("admin") }),
      clusterRole("admin-part", { rules: [read], labels: label("admin") }),
      clusterRole("edit-part", { rules: [exec], labels: label("edit") }),
      clusterRole("view", { selectors: [{ matchLabels: label("view") }], labels: label("edit") }),
      clusterRole("view-part", { rules: [rule({ verbs: ["list"] })], labels: label("view") }),
    ]);
    const granted = grantedRules(binding("ClusterRoleBinding", "ClusterRole", "admin"), context);
    expect(granted.map((entry) => `${entry.role.metadata?.name} ${entry.path}`).sort()).toEqual([
      "admin-part rules[0]",
      "edit-part rules[0]",
    ]);
  });

  it("an aggregated ClusterRole holding rules (as a cluster fills them in) grants only those", () => {
    const context = contextOf([
      clusterRole("filled", { selectors: [{}], rules: [read] }),
      clusterRole("other", { rules: [exec] }),
    ]);
    expect(grantedRules(binding("ClusterRoleBinding", "ClusterRole", "filled"), context).map((g) => g.rule)).toEqual([
      read,
    ]);
  });

  it("keys subjects as Kind/namespace/name: a service account's namespace, or its RoleBinding's", () => {
    const roleBinding = binding("RoleBinding", "Role", "r", "shop");
    const clusterBinding = binding("ClusterRoleBinding", "ClusterRole", "c");
    expect(subjectKey({ kind: "User", name: "alice", namespace: "ignored" }, roleBinding)).toBe("User//alice");
    expect(subjectKey({ kind: "ServiceAccount", name: "app", namespace: "build" }, roleBinding)).toBe(
      "ServiceAccount/build/app",
    );
    expect(subjectKey({ kind: "ServiceAccount", name: "app" }, roleBinding)).toBe("ServiceAccount/shop/app");
    expect(subjectKey({ kind: "ServiceAccount", name: "app", namespace: "" }, roleBinding)).toBe(
      "ServiceAccount/shop/app",
    );
    expect(subjectNamespace({ kind: "ServiceAccount", name: "app" }, clusterBinding)).toBe("");
  });

  it("lists subjects with their paths, leaving out those a pattern matches in full (RE2)", () => {
    const subjects = [
      { kind: "Group", name: "system:masters" },
      { kind: "ServiceAccount", name: "ci" },
      { kind: "User", name: "ops-jane" },
      { kind: "User", name: "jane-ops" },
    ];
    const granting = { ...binding("RoleBinding", "Role", "r", "build"), subjects } as RbacBinding;
    expect(bindingSubjects(granting, []).map((ref) => `${ref.path} ${ref.key}`)).toEqual([
      "subjects[0] Group//system:masters",
      "subjects[1] ServiceAccount/build/ci",
      "subjects[2] User//ops-jane",
      "subjects[3] User//jane-ops",
    ]);
    expect(
      bindingSubjects(granting, ["Group//system:.*", "ServiceAccount/build/.*", "User//ops-"]).map((ref) => ref.key),
    ).toEqual(["User//ops-jane", "User//jane-ops"]);
    expect(bindingSubjects(granting, ["User//.*-ops|Group//.*"]).map((ref) => ref.key)).toEqual([
      "ServiceAccount/build/ci",
      "User//ops-jane",
    ]);
    expect(bindingSubjects({ ...granting, subjects: undefined } as RbacBinding, [])).toEqual([]);
  });
});
