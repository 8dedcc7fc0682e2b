// `rampart list controls` and `rampart list frameworks`: what Rampart can check, checked against
// the sources of those facts (the controls, generated/manifest.json, the catalogue).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type CelFeature, firstVersionWith, OLDEST_KUBERNETES_VERSION } from "../../compiler/backends/cel/features.js";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import { CATALOG } from "../../frameworks/catalog/index.js";
import { BUILTIN_CONTROLS, BUILTIN_FRAMEWORKS } from "../../frameworks/index.js";
import { rampart } from "./run-cli.js";

interface ListedControl {
  id: string;
  name: string;
  severity: string;
  baseScore: number;
  area: string | null;
  implemented: boolean;
  frameworks: string[];
  admission:
    | { validatingAdmissionPolicy: true; fromKubernetes: string }
    | { validatingAdmissionPolicy: false; reason: string }
    | null;
  readsOtherObjects: string[] | null;
  needsNodeData: boolean;
  needsCloudData: string[];
}

const manifest = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "generated", "manifest.json"), "utf8")) as {
  controls: Array<{
    id: string;
    source: string;
    scope: string;
    readsKinds: string[];
    admission: { expressible: boolean; celFeatures?: string[] };
  }>;
};

async function listed(args: readonly string[] = []): Promise<ListedControl[]> {
  const run = await rampart(["list", "controls", ...args, "--format", "json"]);
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as { controls: ListedControl[] }).controls;
}

describe("rampart list controls", () => {
  it("lists every catalogue control once, the implemented ones as such", async () => {
    const controls = await listed();
    const ids = controls.map((control) => control.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining([...CATALOG.keys()]));
    expect(controls.filter((control) => control.implemented).map((control) => control.id)).toEqual(
      BUILTIN_CONTROLS.map((control) => control.id).sort(),
    );
    for (const control of controls.filter((entry) => !entry.implemented)) {
      const entry = CATALOG.get(control.id);
      expect(control).toMatchObject({
        name: entry?.name,
        baseScore: entry?.baseScore,
        area: null,
        admission: null,
        readsOtherObjects: null,
        needsNodeData: entry?.needsHostData,
        needsCloudData: entry?.needsCloudData,
      });
    }
  });

  it("gives each implemented control the facts the compiler wrote", async () => {
    for (const control of (await listed()).filter((entry) => entry.implemented)) {
      const compiled = manifest.controls.find((entry) => entry.id === control.id);
      expect(compiled, control.id).toBeDefined();
      expect(`frameworks/controls/${control.area}/`).toBe(
        compiled?.source.replace(/^(frameworks\/controls\/[^/]+\/).*$/, "$1"),
      );
      expect(control.admission?.validatingAdmissionPolicy).toBe(compiled?.admission.expressible);
      expect(control.readsOtherObjects).toEqual(compiled?.scope === "cross-resource" ? compiled.readsKinds : []);
    }
  });

  it("says from which Kubernetes version a policy can be deployed: the newest its CEL features need", async () => {
    const minor = (version: string) => Number(version.split(".")[1]);
    for (const control of await listed(["--framework", "nsa"])) {
      const compiled = manifest.controls.find((entry) => entry.id === control.id);
      if (compiled?.admission.expressible !== true) continue;
      const needed = (compiled.admission.celFeatures ?? []).map((feature) => firstVersionWith(feature as CelFeature));
      const expected = [OLDEST_KUBERNETES_VERSION, ...needed].sort((a, b) => minor(b) - minor(a))[0];
      expect(control.admission, control.id).toEqual({ validatingAdmissionPolicy: true, fromKubernetes: expected });
    }
    // Two-variable comprehensions came with 1.32's environment, usable from 1.33.
    expect(firstVersionWith("twoVariableComprehensions")).toBe("1.33");
    const network = (await listed(["--framework", "nsa"])).find((control) => control.id === "C-0030");
    expect(network).toMatchObject({
      area: "network",
      admission: { validatingAdmissionPolicy: false },
      readsOtherObjects: expect.arrayContaining(["NetworkPolicy"]),
    });
  });

  it("--framework lists the framework's controls in its order (a title works too)", async () => {
    const nsa = BUILTIN_FRAMEWORKS.find((framework) => framework.name === "nsa");
    expect((await listed(["--framework", "nsa"])).map((control) => control.id)).toEqual(nsa?.controlIds);
    expect((await listed(["--framework", "NSA"])).map((control) => control.id)).toEqual(nsa?.controlIds);
    const unknown = await rampart(["list", "controls", "--framework", "nsaa"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown framework "nsaa"; known frameworks: nsa, mitre/);
  });

  it("prints a table with a summary line", async () => {
    const run = await rampart(["list", "controls", "--framework", "nsa"]);
    expect(run.code).toBe(0);
    const controls = await listed(["--framework", "nsa"]);
    const row = (id: string) => run.stdout.split("\n").find((line) => line.startsWith(`│ ${id} │`)) ?? "";
    for (const control of controls) {
      const cells = row(control.id)
        .split("│")
        .slice(1, -1)
        .map((cell) => cell.trim());
      expect(cells.slice(0, 5), control.id).toEqual([
        control.id,
        control.name,
        control.severity,
        control.area ?? "-",
        control.implemented ? "yes" : "no",
      ]);
      if (control.admission?.validatingAdmissionPolicy === true)
        expect(cells[5]).toBe(`yes, from ${control.admission.fromKubernetes}`);
      if (control.needsNodeData) expect(cells[6]).toContain("node data");
      if (control.needsCloudData.length > 0)
        expect(cells[6]).toContain(`cloud data (${control.needsCloudData.join(", ")})`);
      if ((control.readsOtherObjects ?? []).length > 0) expect(cells[6]).toContain("other objects (");
    }
    expect(row("C-0030")).toContain("no (scan only)");
    const implemented = controls.filter((control) => control.implemented).length;
    expect(run.stdout).toMatch(new RegExp(`\n26 controls, ${implemented} implemented \\(framework nsa\\)\n$`));
  });

  it("rejects an unknown format", async () => {
    const run = await rampart(["list", "controls", "--format", "yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/pretty-printer or json/);
  });
});

describe("rampart list frameworks", () => {
  it("counts each framework's controls, implemented ones and admission policies", async () => {
    const run = await rampart(["list", "frameworks", "--format", "json"]);
    const { frameworks } = JSON.parse(run.stdout) as {
      frameworks: Array<{
        name: string;
        title: string;
        controls: number;
        implemented: number;
        admissionPolicies: number;
      }>;
    };
    const implemented = new Set(BUILTIN_CONTROLS.map((control) => control.id));
    const asPolicy = new Set(manifest.controls.filter((control) => control.admission.expressible).map((c) => c.id));
    expect(frameworks).toEqual(
      BUILTIN_FRAMEWORKS.map((framework) => ({
        name: framework.name,
        title: framework.title,
        controls: framework.controlIds.length,
        implemented: framework.controlIds.filter((id) => implemented.has(id)).length,
        admissionPolicies: framework.controlIds.filter((id) => asPolicy.has(id)).length,
      })),
    );
    const table = await rampart(["list", "frameworks"]);
    expect(table.stdout).toMatch(/│ nsa\s+│ NSA\s+│\s+26 │/);
  });
});
