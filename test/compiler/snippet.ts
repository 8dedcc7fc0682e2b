// Compiles a check written inline in a test (an in-memory control module) and returns what
// each back end makes of it, side by side.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseKubernetesVersion } from "../../compiler/backends/cel/features.js";
import { admissionPolicy } from "../../compiler/backends/cel/vap.js";
import { LIB_REGO } from "../../compiler/backends/rego/lib.js";
import { controlModule } from "../../compiler/backends/rego/modules.js";
import { type Diagnostic, formatDiagnostic } from "../../compiler/diagnostics.js";
import type { ControlIr } from "../../compiler/frontend/control-module.js";
import { loadControls } from "../../compiler/frontend/load.js";
import { PROJECT_ROOT, runTool } from "../../compiler/tools.js";

export const NOT_SUPPORTED = "NOT_SUPPORTED";

const SNIPPET_FILE = path.join(PROJECT_ROOT, "test", "compiler", "__snippets__", "C-9999-snippet.ts");

export interface SnippetOptions {
  /** Module-level code before the control (helper functions, consts). */
  readonly preamble?: string;
  /** The kinds expression (default WORKLOAD_KINDS). */
  readonly kinds?: string;
  readonly inputs?: readonly string[];
  /** The `parameters` object literal, as TypeScript text. */
  readonly parameters?: string;
  /** The --kubernetes-version the CEL is printed for (default 1.35). */
  readonly kubernetesVersion?: string;
}

export function snippetModule(check: string, options: SnippetOptions = {}): string {
  const inputs = options.inputs === undefined ? "" : `\n  inputs: ${JSON.stringify(options.inputs)},`;
  const parameters = options.parameters === undefined ? "" : `\n  parameters: ${options.parameters},`;
  return `import {
  type CheckContext,
  commandFlag,
  commandFlags,
  compareQuantities,
  containerPorts,
  containers,
  control,
  fix,
  isQuantity,
  lowerAscii,
  mapSelectorMatches,
  namespaceOf,
  param,
  parseImage,
  podMetadata,
  podSpec,
  podSpecPath,
  regexMatches,
  ruleAllows,
  rulesAllowing,
  selectorMatches,
  violation,
  WORKLOAD_KINDS,
} from "../../../dsl/index.js";
${options.preamble ?? ""}
export default control({
  id: "C-9999",
  name: "Snippet",
  baseScore: 5,
  category: "Test",
  description: "A check written in a test.",
  remediation: "None.",
  kinds: ${options.kinds ?? "WORKLOAD_KINDS"},${inputs}${parameters}
  check(workload, context) {
${check
  .trim()
  .split("\n")
  .map((line) => `    ${line}`)
  .join("\n")}
  },
});
`;
}

export interface Compiled {
  /** The violations rule and helper functions of the control's Rego package. */
  readonly rego: string;
  /** The CEL of the policy's `violations` variable, or NOT_SUPPORTED: reason. */
  readonly cel: string;
  /** The whole Rego module, for round trips through OPA. */
  readonly module: string;
  /** The control's IR, for other back ends. */
  readonly ir: ControlIr;
}

export function compileSnippet(check: string, options: SnippetOptions = {}): Compiled {
  const result = loadControls([], {
    tsConfigFilePath: path.join(PROJECT_ROOT, "tsconfig.json"),
    inMemory: new Map([[SNIPPET_FILE, snippetModule(check, options)]]),
  });
  const [ir] = result.controls;
  if (ir === undefined)
    throw new Error(result.diagnostics.map((d) => formatDiagnostic(d, undefined, PROJECT_ROOT)).join("\n"));
  const module = controlModule({ ...ir, file: "snippet.ts" });
  const rego = module.slice(module.indexOf("\nviolations(") + 1, module.indexOf("# outcomes")).trim();
  const version = parseKubernetesVersion(options.kubernetesVersion ?? "1.35");
  if (version === undefined) throw new Error(`not a Kubernetes version: ${options.kubernetesVersion}`);
  const admission = admissionPolicy(ir, version);
  const cel = admission.expressible
    ? (admission.policy.spec.variables.find((variable) => variable.name === "violations")?.expression ?? "")
    : `${NOT_SUPPORTED}: ${admission.reason}`;
  return { rego, cel, module, ir: { ...ir, file: "snippet.ts" } };
}

/** The diagnostics of a snippet, formatted as users see them (file relative to the project). */
export function snippetDiagnostics(check: string, options: SnippetOptions = {}): string {
  const text = snippetModule(check, options);
  const result = loadControls([], {
    tsConfigFilePath: path.join(PROJECT_ROOT, "tsconfig.json"),
    inMemory: new Map([[SNIPPET_FILE, text]]),
  });
  return result.diagnostics
    .map((diagnostic: Diagnostic) => formatDiagnostic(diagnostic, text, PROJECT_ROOT))
    .join("\n");
}

/** `opa check --strict` and `opa fmt --list` on a module with the shared lib; "" when both are happy. */
export function opaRoundTrip(module: string): string {
  const work = mkdtempSync(path.join(tmpdir(), "rampart-snippet-"));
  try {
    writeFileSync(path.join(work, "control.rego"), module);
    writeFileSync(path.join(work, "lib.rego"), LIB_REGO);
    const check = runTool("opa", ["check", "--strict", work]);
    const format = runTool("opa", ["fmt", "--list", work]);
    return `${check.status === 0 ? "" : check.stderr}${format.stdout}`.trim();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
