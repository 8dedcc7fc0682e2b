// Gatekeeper as an engine (`rampart test` where gator is installed, and Rampart's own tests): the generated ConstraintTemplates and Constraints (the run's control
// inputs as parameters) and the run's objects through `gator test`, Gatekeeper's own evaluation.
// gator also puts every object into data.inventory, which is what cross-resource templates read,
// as a scan's inventory holds every object of the scan.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { policyName } from "../../compiler/backends/admission.js";
import { runTool } from "../../compiler/tools.js";
import type { Violation } from "../../dsl/index.js";
import type { ControlInputValues, KubeObject } from "../engine/engine.js";
import type { EngineRun } from "./engines.js";
import { type Verdict, type Verdicts, verdictOf } from "./verdicts.js";

type Document = Record<string, unknown> & { metadata: { name: string }; spec: Record<string, unknown> };

/** The generated template and constraint of a control; undefined when it is not exported. */
export function gatekeeperFiles(
  generatedDir: string,
  id: string,
): { template: string; constraint: string } | undefined {
  const name = `${policyName(id)}.yaml`;
  const template = path.join(generatedDir, "gatekeeper", "templates", name);
  const constraint = path.join(generatedDir, "gatekeeper", "constraints", name);
  return existsSync(template) && existsSync(constraint) ? { template, constraint } : undefined;
}

/** JSON with object keys sorted: equal for equal objects, whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The generated Constraint with the run's control inputs as its parameters. */
function constraintFor(file: string, template: Document, inputs: ControlInputValues): Document {
  const constraint = parse(readFileSync(file, "utf8")) as Document;
  const crd = (template.spec.crd as { spec: { validation: { openAPIV3Schema: { properties?: object } } } }).spec;
  const names = Object.keys(crd.validation.openAPIV3Schema.properties ?? {});
  if (names.length > 0) {
    const values = inputs as Readonly<Record<string, readonly string[] | undefined>>;
    constraint.spec.parameters = Object.fromEntries(names.map((name) => [name, values[name] ?? []]));
  }
  return constraint;
}

export interface GatorResult {
  readonly msg: string;
  readonly metadata?: { readonly details?: Record<string, unknown> };
  readonly constraint: { readonly metadata: { readonly name: string } };
  readonly violatingObject: unknown;
  readonly enforcementAction: string;
}

/** `gator test -o json` on a folder; the results (gator exits 1 when anything is denied). */
export function gatorTest(folder: string): GatorResult[] {
  const run = runTool("gator", ["test", "--filename", folder, "--output", "json"]);
  let results: GatorResult[] | null;
  try {
    results = JSON.parse(run.stdout) as GatorResult[] | null;
  } catch {
    throw new Error(`gator test failed (${run.status}): ${run.stderr}${run.stdout}`);
  }
  return results ?? [];
}

/** Gatekeeper's result for each object, per exported control of the run. */
export function runGator(run: EngineRun, generatedDir: string): Verdicts {
  const exported = run.controlIds.flatMap((id) => {
    const files = gatekeeperFiles(generatedDir, id);
    return files === undefined ? [] : [{ id, ...files }];
  });
  const verdicts: Verdicts = new Map();
  if (exported.length === 0) return verdicts;
  // Equal objects get equal answers: gator sees each once, and the answer goes to every copy.
  const keys = run.objects.map((object) => canonicalJson(object));
  const unique = new Map<string, KubeObject>(run.objects.map((object, index) => [keys[index] as string, object]));
  const work = mkdtempSync(path.join(tmpdir(), "rampart-gator-"));
  try {
    const controlOf = new Map<string, string>();
    const documents: string[] = [];
    for (const { id, template, constraint } of exported) {
      const templateDocument = parse(readFileSync(template, "utf8")) as Document;
      const constraintDocument = constraintFor(constraint, templateDocument, run.inputs);
      controlOf.set(constraintDocument.metadata.name, id);
      documents.push(stringify(templateDocument, { lineWidth: 0 }), stringify(constraintDocument, { lineWidth: 0 }));
    }
    writeFileSync(path.join(work, "policies.yaml"), documents.join("---\n"));
    // One JSON document per line: no YAML 1.1 reading of strings such as "on" or "0x1F".
    writeFileSync(path.join(work, "objects.json"), [...unique.values()].map((o) => JSON.stringify(o)).join("\n"));
    const found = new Map<string, Map<string, Violation[] | "error">>();
    for (const result of gatorTest(work)) {
      const id = controlOf.get(result.constraint.metadata.name);
      if (id === undefined) throw new Error(`gator reported an unknown constraint ${result.constraint.metadata.name}`);
      const key = canonicalJson(result.violatingObject);
      if (!unique.has(key)) throw new Error(`gator reported an object that was not given: ${key}`);
      const perObject = found.get(id) ?? new Map<string, Violation[] | "error">();
      const details = result.metadata?.details ?? {};
      const previous = perObject.get(key) ?? [];
      if (details.error === true || previous === "error") perObject.set(key, "error");
      else
        perObject.set(key, [
          ...previous,
          {
            message: result.msg,
            paths: details.paths as string[],
            fixes: details.fixes as Violation["fixes"],
          },
        ]);
      found.set(id, perObject);
    }
    for (const { id } of exported) {
      const perObject = found.get(id);
      verdicts.set(
        id,
        keys.map((key): Verdict => verdictOf(perObject?.get(key) ?? [])),
      );
    }
    return verdicts;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
