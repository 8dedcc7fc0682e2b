// RBAC controls report subjects (runtime/subjects.ts): each subject a binding grants its role is a
// resource of the control, in every format, with the binding's source and the line of its entry;
// exceptions and the controls config name subjects; --verbose groups findings by identity.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import type { JsonReport } from "../../runtime/report/json.js";
import type { SarifLog } from "../../runtime/report/sarif.js";
import { violationsOfSubject } from "../../runtime/subjects.js";
import { rampart } from "../e2e/run-cli.js";
import { jsonOf } from "../support/cli.js";
import { positionIn, report, workFolder } from "./support.js";

const file = workFolder();

const RBAC = file(
  "rbac.yaml",
  `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: debugger }
rules:
  - { apiGroups: [""], resources: [pods/exec], verbs: [create] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: debuggers }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: debugger }
subjects:
  - { kind: Group, apiGroup: rbac.authorization.k8s.io, name: devs }
  - { kind: ServiceAccount, name: ci, namespace: build }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: shop-debuggers, namespace: shop }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: debugger }
subjects:
  - { kind: Group, apiGroup: rbac.authorization.k8s.io, name: devs }
  - { kind: ServiceAccount, name: web }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: missing-role }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: not-in-the-scan }
subjects:
  - { kind: User, apiGroup: rbac.authorization.k8s.io, name: nobody }
`,
);

type Resource = JsonReport["results"][number]["resources"][number] & {
  grantedBy?: { kind: string; name: string; namespace: string | null; path: string };
};

function resourcesOf(json: JsonReport, id: string): Resource[] {
  return (json.results.find((result) => result.controlID === id)?.resources ?? []) as Resource[];
}

const label = (resource: Resource) =>
  `${resource.kind}/${resource.namespace ?? ""}/${resource.name} via ${resource.grantedBy?.kind}/${resource.grantedBy?.name} ${resource.grantedBy?.path}: ${resource.status}`;

describe("RBAC subjects as resources", () => {
  it("are the subjects of bindings whose role the scan holds, each once per binding, with the binding's source", async () => {
    const json = await jsonOf(["scan", "control", "C-0002", RBAC]);
    const resources = resourcesOf(json, "C-0002");
    expect(resources.map(label)).toEqual([
      "Group//devs via ClusterRoleBinding/debuggers subjects[0]: failed",
      "ServiceAccount/build/ci via ClusterRoleBinding/debuggers subjects[1]: failed",
      "Group//devs via RoleBinding/shop-debuggers subjects[0]: failed",
      "ServiceAccount/shop/web via RoleBinding/shop-debuggers subjects[1]: failed",
    ]);
    expect(resources[2]?.source).toEqual({ file: RBAC, documentIndex: 2, line: 15 });
    expect(resources[2]?.violations?.[0]?.message).toBe(
      'Group "devs" can run commands in containers (create pods/exec or pods/attach) in namespace "shop": ClusterRole "debugger" rules[0] is granted through RoleBinding "shop-debuggers"',
    );
    expect(json.results.find((result) => result.controlID === "C-0002")?.resourceCounters).toEqual({
      passed: 0,
      failed: 4,
      excepted: 0,
      all: 4,
    });
  });

  it("count only the subject kinds the control reads (C-0053: service accounts)", async () => {
    const json = await jsonOf(["scan", "control", "C-0053", RBAC]);
    expect(resourcesOf(json, "C-0053").map((resource) => `${resource.kind}/${resource.name}`)).toEqual([
      "ServiceAccount/ci",
      "ServiceAccount/web",
    ]);
  });

  it("are matched by exceptions naming the subject, and skipped by the controls config's subject patterns", async () => {
    const exceptions = file(
      "exceptions.yaml",
      `- name: devs-debug
  policyName: C-0002
  resources: [{ kind: Group, name: devs }]
  justification: the developers debug their own services
`,
    );
    const excepted = resourcesOf(
      await jsonOf(["scan", "control", "C-0002", RBAC, "--exceptions", exceptions]),
      "C-0002",
    );
    expect(excepted.filter((resource) => resource.subStatus === "w/exceptions").map(label)).toEqual([
      "Group//devs via ClusterRoleBinding/debuggers subjects[0]: passed",
      "Group//devs via RoleBinding/shop-debuggers subjects[0]: passed",
    ]);
    const config = file("controls.yaml", 'rbacAllowedSubjects: ["ServiceAccount/.*/.*"]\n');
    const allowed = resourcesOf(
      await jsonOf(["scan", "control", "C-0002", RBAC, "--controls-config", config]),
      "C-0002",
    );
    expect(allowed.filter((resource) => resource.status === "passed").map((resource) => resource.kind)).toEqual([
      "ServiceAccount",
      "ServiceAccount",
    ]);
  });

  it("validate against the report's JSON Schema, grantedBy included", async () => {
    const schema = JSON.parse(
      readFileSync(path.join(PROJECT_ROOT, "runtime/report/schema/report-v1.schema.json"), "utf8"),
    ) as object;
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    formats.default(ajv);
    const validate = ajv.compile(schema);
    const json = await jsonOf(["scan", "framework", "mitre", RBAC]);
    validate(json);
    expect(ajv.errorsText(validate.errors)).toBe("No errors");
    expect(resourcesOf(json, "C-0015")[0]?.grantedBy).toEqual({
      resourceID: "rbac.authorization.k8s.io/v1//ClusterRoleBinding/debuggers",
      kind: "ClusterRoleBinding",
      name: "debuggers",
      namespace: null,
      path: "subjects[0]",
    });
  });

  it("are listed among the report's resources, in Rampart's JSON and in Kubescape's v2 report", async () => {
    const json = await jsonOf(["scan", "control", "C-0002", RBAC]);
    const ids = resourcesOf(json, "C-0002").map((resource) => resource.resourceID);
    expect(ids.every((id) => json.resources.some((resource) => resource.resourceID === id))).toBe(true);
    const v2 = await jsonOf<{
      results: Array<{ resourceID: string }>;
      resources: Array<{ resourceID: string; object: { kind: string; relatedObjects?: Array<{ kind: string }> } }>;
    }>(["scan", "control", "C-0002", RBAC, "--format-version", "kubescape-v2"]);
    expect(v2.results.map((result) => result.resourceID)).toEqual(ids);
    const devs = v2.resources.find((resource) => resource.resourceID === ids[0]);
    expect(devs?.object.kind).toBe("Group");
    expect(devs?.object.relatedObjects?.map((object) => object.kind)).toEqual(["ClusterRoleBinding"]);
  });

  it("point SARIF at the subject's entry in the binding", async () => {
    const log = JSON.parse(await report(["scan", "control", "C-0002", RBAC], "sarif", file("out.sarif"))) as SarifLog;
    const regions = log.runs[0]?.results?.map((result) => result.locations?.[0]?.physicalLocation?.region);
    const entry = positionIn(RBAC, "{ kind: ServiceAccount, name: web }");
    expect(regions).toContainEqual({ startLine: entry.line, startColumn: entry.column });
  });

  it("are grouped by identity with --verbose: everything it can do, through which binding", async () => {
    const run = await rampart(["scan", "control", "C-0002,C-0053", RBAC, "--verbose"]);
    const section = run.stdout.slice(run.stdout.indexOf("RBAC subjects"));
    const devs = section.slice(section.indexOf("Group devs"), section.indexOf("ServiceAccount build/ci"));
    expect(devs).toContain('through ClusterRoleBinding "debuggers"');
    expect(devs).toContain('in namespace "shop": ClusterRole "debugger" rules[0] is granted through RoleBinding');
    expect(devs).toContain(`at ${RBAC}:${positionIn(RBAC, "name: devs", 1).line} (subjects[0])`);
    const web = section.slice(section.indexOf("ServiceAccount shop/web"));
    expect(web).toContain("C-0002 Prevent containers from allowing command execution [Medium]");
    expect(web).toContain("C-0053 Access container service account [Medium]");
    expect(run.stdout).not.toContain("namespace (no namespace)");
  });
});

describe("a binding's violations, by subject", () => {
  const violation = (paths: string[]) => ({ message: paths.join(","), paths, fixes: [] });

  it("belong to the subject whose entry (or a field of it) a path names; one naming no subject, to all", () => {
    const violations = [
      violation(["subjects[0]", "roleRef.name"]),
      violation(["subjects[1].name"]),
      violation(["subjects[10]"]),
      violation(["roleRef.name"]),
    ];
    expect(violationsOfSubject(violations, "subjects[1]").map((found) => found.message)).toEqual([
      "subjects[1].name",
      "roleRef.name",
    ]);
    expect(violationsOfSubject(violations, "subjects[0]").map((found) => found.message)).toEqual([
      "subjects[0],roleRef.name",
      "roleRef.name",
    ]);
  });
});
