// Test controls compiled as a user's would be (Kubernetes 1.35, the default inputs, OPA checks
// and policy.wasm), into a folder the fixture engines run.
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect } from "vitest";
import { parseKubernetesVersion } from "../../compiler/backends/cel/features.js";
import { type CompileResult, compile } from "../../compiler/compile.js";
import { formatDiagnostic } from "../../compiler/diagnostics.js";
import { writeTree } from "../../compiler/output.js";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import type { Control } from "../../dsl/index.js";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";

/** The control modules (`*.ts`) of a folder, sorted. */
export function controlFilesIn(folder: string): string[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith(".ts"))
    .sort()
    .map((file) => path.join(folder, file));
}

/** The controls the modules export, by ID. */
export async function importControls(files: readonly string[]): Promise<Map<string, Control>> {
  const controls = new Map<string, Control>();
  for (const file of files) {
    const module = (await import(pathToFileURL(file).href)) as { default: Control };
    controls.set(module.default.id, module.default);
  }
  return controls;
}

/** Compiles `files` into `out`; the compiler must have nothing to say about them. */
export function compileTestControls(files: readonly string[], out: string): CompileResult {
  const version = parseKubernetesVersion("1.35");
  if (version === undefined) throw new Error("1.35");
  const result = compile({
    controlFiles: [...files],
    frameworks: [],
    tsconfig: path.join(PROJECT_ROOT, "tsconfig.json"),
    root: PROJECT_ROOT,
    kubernetesVersion: version,
    controlInputs: DEFAULT_CONTROL_INPUTS,
    inputDefaults: DEFAULT_CONTROL_INPUTS,
    withOpa: true,
  });
  expect(result.diagnostics.map((diagnostic) => formatDiagnostic(diagnostic, undefined, PROJECT_ROOT))).toEqual([]);
  writeTree(out, result.files);
  return result;
}
