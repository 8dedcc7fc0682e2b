// The exported ConstraintTemplates, checked by Gatekeeper's own gator: every template and its
// Constraint are accepted (the template's Rego goes through Gatekeeper's rewriter and compiler,
// the Constraint's parameters through the template's schema), what Gatekeeper refuses is
// refused, the SyncSet covers what cross-resource templates read, an object a check cannot
// evaluate is denied as policy.wasm reports it, and one template's shape is pinned.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { EVALUATION_ERROR, GATEKEEPER_LIB_REGO } from "../../compiler/backends/gatekeeper/rego.js";
import { LIB_REGO } from "../../compiler/backends/rego/lib.js";
import { PROJECT_ROOT, runTool } from "../../compiler/tools.js";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import type { ControlInputValues } from "../../runtime/engine/engine.js";
import { GENERATED_DIR } from "../../runtime/generated.js";
import { FixtureEngines } from "../../runtime/testing/engines.js";
import { gatorTest, runGator } from "../../runtime/testing/gator.js";
import { CROSS_RESOURCE } from "../support/builtin.js";
import { compileTestControls } from "../support/compile.js";

const GATEKEEPER_DIR = path.join(GENERATED_DIR, "gatekeeper");
const work = mkdtempSync(path.join(tmpdir(), "rampart-gatekeeper-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Template {
  metadata: { name: string; annotations: Record<string, string> };
  spec: {
    crd: { spec: { names: { kind: string }; validation: { openAPIV3Schema: Record<string, unknown> } } };
    targets: Array<{
      target: string;
      code: Array<{ engine: string; source: { version: string; rego: string; libs: string[] } }>;
    }>;
  };
}

interface Manifest {
  controls: Array<{
    id: string;
    scope: string;
    gatekeeper: { exportable: boolean; template?: string; constraint?: string; sync?: string; reason?: string };
  }>;
}

const manifest = JSON.parse(readFileSync(path.join(GENERATED_DIR, "manifest.json"), "utf8")) as Manifest;
const names = readdirSync(path.join(GATEKEEPER_DIR, "templates")).sort();

function read(kind: "templates" | "constraints", name: string): string {
  return readFileSync(path.join(GATEKEEPER_DIR, kind, name), "utf8");
}

/** A folder holding the given documents, for gator. */
function folder(label: string, documents: readonly unknown[]): string {
  const target = path.join(work, label);
  mkdirSync(target, { recursive: true });
  writeFileSync(
    path.join(target, "policies.yaml"),
    documents.map((document) => stringify(document, { lineWidth: 0 })).join("---\n"),
  );
  return target;
}

const c0046 = () => parse(read("templates", "rampart-c-0046.yaml")) as Template;
const c0046Constraint = () =>
  parse(read("constraints", "rampart-c-0046.yaml")) as { spec: { parameters: Record<string, unknown> } };
const source = (template: Template) => {
  const code = template.spec.targets[0]?.code[0];
  if (code === undefined) throw new Error("the template has no code");
  return code.source;
};

describe("gator accepts every generated template and its constraint", () => {
  it("every control is exported, or says why not", () => {
    for (const control of manifest.controls) {
      if (control.gatekeeper.exportable) {
        expect(names).toContain(path.basename(control.gatekeeper.template ?? ""));
      } else expect(control.gatekeeper.reason, control.id).toBeTruthy();
    }
    expect(names).toHaveLength(manifest.controls.filter((control) => control.gatekeeper.exportable).length);
  });

  it.each(names)("%s", (name) => {
    const template = parse(read("templates", name)) as Template;
    const constraint = parse(read("constraints", name));
    expect(template.metadata.name).toBe(template.spec.crd.spec.names.kind.toLowerCase());
    expect(constraint.kind).toBe(template.spec.crd.spec.names.kind);
    expect(gatorTest(folder(`accepted-${name}`, [template, constraint]))).toEqual([]);
  });
});

describe("gator refuses what the back end avoids", () => {
  const refused =
    (label: string, template: unknown, constraint: unknown = parse(read("constraints", "rampart-c-0046.yaml"))) =>
    () =>
      gatorTest(folder(label, [template, constraint]));

  it("import rego.v1 in the template's Rego", () => {
    const template = c0046();
    source(template).rego = source(template).rego.replace("import data.lib", "import rego.v1\nimport data.lib");
    expect(refused("rego-v1-import", template)).toThrow(/bad import: "rego.v1"/);
  });

  it("a library outside the lib root (the OPA bundle's package)", () => {
    const template = c0046();
    source(template).libs = source(template).libs.map((lib) =>
      lib.replace("package lib.rampart", "package rampart.lib"),
    );
    expect(refused("lib-package", template)).toThrow(/path data.rampart.lib not found in lib prefixes/);
  });

  it("control inputs read from data.rampart (the OPA bundle's data)", () => {
    const template = c0046();
    source(template).libs = [LIB_REGO.replace("package rampart.lib", "package lib.rampart")];
    expect(refused("data-rampart", template)).toThrow(/disallowed ref data.rampart.inputs/);
  });

  it("a parameter that is not a list of strings", () => {
    const constraint = c0046Constraint();
    constraint.spec.parameters.insecureCapabilities = "SYS_ADMIN";
    expect(refused("parameter-type", c0046(), constraint)).toThrow(/must be of type array/);
  });
});

describe("replicated data", () => {
  const gatorSync = (...paths: string[]) =>
    runTool("gator", ["sync", "test", "--force-omit-gvk-manifest", ...paths.flatMap((p) => ["--filename", p])]);

  it("cross-resource templates name the kinds they read; the SyncSet replicates all of them", () => {
    const cross = manifest.controls.filter((control) => control.scope === "cross-resource");
    expect(cross.map((control) => control.id)).toEqual(CROSS_RESOURCE);
    // Controls of node facts alone have no template (node data never reaches the API server).
    for (const control of manifest.controls.filter((entry) => entry.gatekeeper.template !== undefined)) {
      const template = parse(read("templates", path.basename(control.gatekeeper.template ?? ""))) as Template;
      const annotation = template.metadata.annotations["metadata.gatekeeper.sh/requires-sync-data"];
      expect(annotation === undefined, control.id).toBe(control.scope === "single-object");
      expect(control.gatekeeper.sync === undefined, control.id).toBe(control.scope === "single-object");
    }
    const templates = path.join(GATEKEEPER_DIR, "templates");
    const synced = gatorSync(templates, path.join(GATEKEEPER_DIR, "sync"));
    expect(synced.status, synced.stderr).toBe(0);
    const unsynced = gatorSync(templates);
    expect(unsynced.status).toBe(1);
    expect(unsynced.stderr).toContain("rampartc0030:\n- cilium.io/v2:CiliumClusterwideNetworkPolicy");
    expect(unsynced.stderr).toContain("rampartc0034:\n- /v1:ServiceAccount");
    expect(unsynced.stderr).toMatch(/rampartc0002:\n(- .*\n)*- rbac\.authorization\.k8s\.io\/v1:ClusterRole/);
    expect(unsynced.stderr).toContain("rampartc0192:\n- admissionregistration.k8s.io/v1:MutatingWebhookConfiguration");

    expect(unsynced.stderr).toContain("rampartc0054:\n- cilium.io/v2:CiliumClusterwideNetworkPolicy");
    expect(unsynced.stderr).toContain("rampartc0298:\n- /v1:Namespace\n- /v1:Service\n");
    expect(unsynced.stderr).toContain("rampartc0300:\n- apps/v1:Deployment\n- /v1:Namespace\n");
    expect(unsynced.stderr).toContain("rampartc0307:\n- /v1:Namespace\n- /v1:ServiceAccount\n");
    expect(unsynced.stderr).toMatch(/rampartc0293:\n(- .*\n)*- \/v1:ReplicationController\n/);
  });
});

describe("an object the check cannot evaluate", () => {
  it("is denied with the error policy.wasm reports", () => {
    // No built-in control's rule fails on an object (a scan checks shapes first, and the API
    // server types objects), so a test control whose rule body lowers a label's value is compiled.
    const generated = path.join(work, "generated");
    compileTestControls([path.join(PROJECT_ROOT, "test", "fixtures", "gatekeeper", "G-0001-team-label.ts")], generated);
    const malformed = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "broken", namespace: "shop", labels: { team: 5 } },
      spec: { template: { spec: { containers: [{ name: "app", image: "nginx" }] } } },
    };
    const run = {
      objects: [malformed],
      controlIds: ["G-0001"],
      inputs: DEFAULT_CONTROL_INPUTS as ControlInputValues,
    };
    const gator = runGator(run, generated).get("G-0001");
    expect(gator).toEqual([{ status: "error", violations: [], paths: [] }]);
    expect(new FixtureEngines(new Map(), generated).wasm(run).get("G-0001")).toEqual(gator);
    const generatedFile = (kind: "templates" | "constraints") =>
      readFileSync(path.join(generated, "gatekeeper", kind, "rampart-g-0001.yaml"), "utf8");
    const folderWithObject = folder("malformed", [
      parse(generatedFile("templates")),
      parse(generatedFile("constraints")),
      malformed,
    ]);
    expect(gatorTest(folderWithObject).map((result) => [result.msg, result.metadata?.details])).toEqual([
      [EVALUATION_ERROR, { controlID: "G-0001", error: true }],
    ]);
  });
});

describe("the shape of a template (C-0046, a control with an input)", () => {
  it("is a v1 ConstraintTemplate with Rego v1 code, its library and its parameters' schema", () => {
    const template = c0046();
    const { rego, libs } = source(template);
    const shape = structuredClone(template);
    const shapeSource = source(shape) as { rego: string; libs: string[] };
    shapeSource.rego = "<the control's module>";
    shapeSource.libs = ["<the library>"];
    expect(shape).toMatchInlineSnapshot(`
      {
        "apiVersion": "templates.gatekeeper.sh/v1",
        "kind": "ConstraintTemplate",
        "metadata": {
          "annotations": {
            "description": "Some Linux capabilities (the control input insecureCapabilities, e.g. SYS_ADMIN, NET_ADMIN, SYS_PTRACE, ALL) give a container powers over the node or its network that an attacker can use to break out.",
            "metadata.gatekeeper.sh/title": "C-0046 Insecure capabilities",
            "rampart.dev/control-id": "C-0046",
            "rampart.dev/control-name": "Insecure capabilities",
            "rampart.dev/source": "frameworks/controls/workload/C-0046-insecure-capabilities.ts",
          },
          "labels": {
            "app.kubernetes.io/managed-by": "rampart",
          },
          "name": "rampartc0046",
        },
        "spec": {
          "crd": {
            "spec": {
              "names": {
                "kind": "RampartC0046",
              },
              "validation": {
                "openAPIV3Schema": {
                  "description": "Control inputs and parameters of C-0046 (see Rampart's controls config).",
                  "properties": {
                    "insecureCapabilities": {
                      "items": {
                        "type": "string",
                      },
                      "type": "array",
                    },
                  },
                  "type": "object",
                },
              },
            },
          },
          "targets": [
            {
              "code": [
                {
                  "engine": "Rego",
                  "source": {
                    "libs": [
                      "<the library>",
                    ],
                    "rego": "<the control's module>",
                    "version": "v1",
                  },
                },
              ],
              "target": "admission.k8s.gatekeeper.sh",
            },
          ],
        },
      }
    `);
    expect(libs).toEqual([GATEKEEPER_LIB_REGO]);
    expect(rego.slice(rego.indexOf("# violation is what Gatekeeper reads"))).toMatchInlineSnapshot(`
      "# violation is what Gatekeeper reads: one entry per violation of the object under review, and
      # one when the check cannot evaluate the object.
      violation contains {"msg": found.message, "details": {"controlID": "C-0046", "paths": found.paths, "fixes": found.fixes}} if {
      	reviewed
      	some found in violations(input.review.object)
      }

      violation contains {"msg": "the policy could not evaluate this object (a value has an unexpected type)", "details": {"controlID": "C-0046", "error": true}} if {
      	reviewed
      	count([found | found := violations(input.review.object)]) == 0
      }

      # reviewed holds when the object under review is of a kind this control evaluates.
      reviewed if {
      	input.review.object.kind in kinds
      }
      "
    `);
  });

  it("reuses the Rego back end: the OPA module with Gatekeeper's import and entry rules", () => {
    const rego = source(c0046()).rego;
    const opa = readFileSync(path.join(GENERATED_DIR, "rego", "rampart", "controls", "c_0046.rego"), "utf8");
    const upTo = (text: string, marker: string) => text.slice(0, text.indexOf(marker));
    expect(upTo(rego, "# violation is what Gatekeeper reads")).toBe(
      upTo(opa, "# outcomes lists").replace("import data.rampart.lib\n", "import data.lib.rampart as lib\n"),
    );
    const helpers = (lib: string) =>
      upTo(lib.slice(lib.indexOf("\n# get(value, path)")), "# control_input(name, fallback)");
    expect(helpers(GATEKEEPER_LIB_REGO)).toBe(helpers(LIB_REGO));
  });

  it("passes opa check --strict and is unchanged by opa fmt", () => {
    const { rego, libs } = source(c0046());
    const target = path.join(work, "opa");
    mkdirSync(target, { recursive: true });
    writeFileSync(path.join(target, "template.rego"), rego);
    libs.forEach((lib, index) => {
      writeFileSync(path.join(target, `lib_${index}.rego`), lib);
    });
    const check = runTool("opa", ["check", "--strict", target]);
    expect(check.stderr).toBe("");
    expect(runTool("opa", ["fmt", "--list", target]).stdout).toBe("");
  });

  it("its Constraint matches the control's kinds by API group and holds the default inputs", () => {
    const constraint = c0046Constraint();
    expect(constraint).toMatchObject({
      apiVersion: "constraints.gatekeeper.sh/v1beta1",
      kind: "RampartC0046",
      metadata: { name: "rampart-c-0046" },
      spec: {
        enforcementAction: "deny",
        match: {
          kinds: [
            { apiGroups: [""], kinds: ["Pod"] },
            { apiGroups: ["apps"], kinds: ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet"] },
            { apiGroups: ["batch"], kinds: ["Job", "CronJob"] },
          ],
        },
        parameters: { insecureCapabilities: DEFAULT_CONTROL_INPUTS.insecureCapabilities },
      },
    });
  });
});
