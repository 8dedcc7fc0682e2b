// `rampart fix` end to end, on the article's remediation story: a web-app without a security
// context or limits and a risky-app with a privileged container, in production.
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { editFile, FileChangedError, writeEdit } from "../../runtime/fix/files.js";
import { applyPatch, type PatchOperation } from "../../runtime/fix/json-patch.js";
import type { JsonReport } from "../../runtime/report/json.js";
import { jsonOf, tempFolder } from "../support/cli.js";
import { rampart } from "./run-cli.js";

const temp = tempFolder("rampart-fix-");

const APPS = `# The shop's apps, as the team wrote them.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-app
  namespace: production
spec:
  replicas: 2
  selector:
    matchLabels: { app: web-app }
  template:
    metadata:
      labels: { app: web-app }
    spec:
      automountServiceAccountToken: false
      containers:
        - name: web
          image: "registry.example.com/shop/web:2.1"   # pinned by CI
          ports:
            - containerPort: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: risky-app
  namespace: production
spec:
  selector:
    matchLabels: { app: risky-app }
  template:
    metadata:
      labels: { app: risky-app }
    spec:
      automountServiceAccountToken: false
      containers:
        - name: tool
          image: registry.example.com/shop/tool:1.0
          securityContext:
            privileged: true
`;

const FIXED_CONTROLS = "C-0013,C-0016,C-0017,C-0057,C-0270,C-0271";

function failing(report: JsonReport): string[] {
  return report.results
    .flatMap((result) =>
      result.resources
        .filter((resource) => resource.status === "failed")
        .map((resource) => `${result.controlID} ${resource.name}`),
    )
    .sort();
}

describe("rampart fix", () => {
  it("--dry-run prints the diff and writes nothing; a value to choose is listed, not guessed", async () => {
    const file = temp.file("dry-run.yaml", APPS);
    const run = await rampart(["fix", file, "--controls", FIXED_CONTROLS, "--dry-run"]);
    expect(readFileSync(file, "utf8")).toBe(APPS);
    expect(run.stdout).toContain(`--- ${file}\n+++ ${file}\n`);
    expect(run.stdout).toContain("+            allowPrivilegeEscalation: false");
    expect(run.stdout).toContain("-            privileged: true\n+            privileged: false");
    expect(run.stderr).toContain(
      'web-app: C-0270: container "web" has no CPU limit: needs a value for limits.cpu (fixValues: {limits.cpu: …} in --controls-config, or --defaults for 500m)',
    );
    expect(run.code).toBe(1);
  });

  it("edits the file in place, keeping comments and quoting, and the fixed controls then pass", async () => {
    const file = temp.file("in-place.yaml", APPS);
    const config = temp.file("fix-values.yaml", "fixValues:\n  limits: { cpu: 250m, memory: 256Mi }\n");
    const run = await rampart(["fix", file, "--controls", FIXED_CONTROLS, "--controls-config", config]);
    expect(run.stderr).toContain("fixed 2 object(s) in 1 file(s); 0 finding(s) left to fix by hand");
    expect(run.code).toBe(0);
    const text = readFileSync(file, "utf8");
    expect(text.startsWith("# The shop's apps, as the team wrote them.\n")).toBe(true);
    expect(text).toContain('image: "registry.example.com/shop/web:2.1"   # pinned by CI');
    expect(text).toContain("            limits:\n              cpu: 250m\n              memory: 256Mi\n");
    const report = await jsonOf(["scan", "control", FIXED_CONTROLS, file]);
    expect(failing(report)).toEqual([]);
  });

  it("--defaults takes the documented default of a value to choose", async () => {
    const file = temp.file("defaults.yaml", APPS);
    expect((await rampart(["fix", file, "--controls", "C-0270", "--defaults"])).code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("cpu: 500m");
  });

  it("--kubectl prints one kubectl patch per object; each patch fixes the object as scanned", async () => {
    const file = temp.file("kubectl.yaml", APPS);
    const run = await rampart(["fix", file, "--controls", "C-0016,C-0057", "--kubectl"]);
    expect(run.code).toBe(0);
    const commands = run.stdout.trim().split("\n");
    expect(commands.map((command) => command.split(" --type=json")[0])).toEqual([
      "kubectl patch deployment web-app -n production",
      "kubectl patch deployment risky-app -n production",
    ]);
    const objects = parse(APPS.split("---\n")[1] ?? "") as Record<string, unknown>;
    const patch = JSON.parse(/-p='(.*)'$/.exec(commands[1] ?? "")?.[1] ?? "[]") as PatchOperation[];
    expect(patch).toEqual([
      { op: "add", path: "/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation", value: false },
      { op: "replace", path: "/spec/template/spec/containers/0/securityContext/privileged", value: false },
    ]);
    const patched = temp.file("patched.json", JSON.stringify(applyPatch(objects, patch)));
    expect(failing(await jsonOf(["scan", "control", "C-0016,C-0057", patched]))).toEqual([]);
    expect(readFileSync(file, "utf8")).toBe(APPS);
  });

  it("--verbose shows each violation's patch", async () => {
    const file = temp.file("verbose.yaml", APPS);
    const run = await rampart(["scan", "control", "C-0057", file, "--verbose"]);
    expect(run.stdout).toContain(
      'patch: [{"op":"replace","path":"/spec/template/spec/containers/0/securityContext/privileged","value":false}]',
    );
  });

  it("the JSON report carries each violation's patch", async () => {
    const file = temp.file("report.yaml", APPS);
    const report = await jsonOf(["scan", "control", "C-0057", file]);
    const violation = report.results[0]?.resources.find((resource) => resource.name === "risky-app")?.violations?.[0];
    expect(violation?.patch).toEqual([
      { op: "replace", path: "/spec/template/spec/containers/0/securityContext/privileged", value: false },
    ]);
  });

  it("leaves Helm output and standard input alone, and says why", async () => {
    const helm = temp.file("helm.yaml", `---\n# Source: shop/templates/risky.yaml\n${APPS.split("---\n")[1]}`);
    const run = await rampart(["fix", helm, "--controls", "C-0057"]);
    expect(run.stderr).toContain(
      `${helm}: not edited: Helm output: fix the chart's template shop/templates/risky.yaml instead`,
    );
    expect(run.code).toBe(1);
    const stdin = await rampart(["fix", "-", "--controls", "C-0057"], APPS);
    expect(stdin.stderr).toContain("standard input cannot be fixed in place: use --kubectl or --dry-run");
    expect(stdin.code).toBe(2);
    expect((await rampart(["fix", "-", "--controls", "C-0057", "--kubectl"], APPS)).code).toBe(0);
  });

  it("never overwrites a file that changed since it was read", () => {
    const file = temp.file("changed.yaml", APPS);
    const edit = editFile(file, APPS, []);
    writeFileSync(file, `${APPS}# edited meanwhile\n`);
    expect(() => writeEdit({ ...edit, after: "kind: Broken\n" })).toThrow(FileChangedError);
    expect(readFileSync(file, "utf8")).toBe(`${APPS}# edited meanwhile\n`);
  });
});
