// Every engine on the same objects, reduced to comparable verdicts:
//   typescript — the control's `check` (the specification)
//   wasm       — generated/policy.wasm through @open-policy-agent/opa-wasm (what scans use)
//   opa        — `opa eval` on generated/rego (OPA's own evaluator, Go)
//   cel        — the generated ValidatingAdmissionPolicy, evaluated in TypeScript (`rampart admit`)
//   oracle     — the same policy evaluated by the Kubernetes API server's own CEL and admission
//                code (test/cel-oracle, Go)
//   gator      — the generated Gatekeeper ConstraintTemplate and Constraint through `gator test`
//                (Gatekeeper's own evaluation, Go)
// The first, second and fourth are runtime/testing's (what `rampart test` runs); OPA, the
// oracle and gator are test-only. Each runs on the built-in controls and generated/ unless given
// other controls and their compiled folder (a FixtureEngines).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { runTool } from "../../compiler/tools.js";
import type { Control, Violation } from "../../dsl/index.js";
import { BUILTIN_CONTROLS } from "../../frameworks/index.js";
import { denyMessage } from "../../runtime/admission/message.js";
import { type ControlInputValues, inventoryOf, type Outcomes } from "../../runtime/engine/engine.js";
import { paramsOf } from "../../runtime/engine/reference.js";
import { controlSet } from "../../runtime/engine/wasm.js";
import { GENERATED_DIR } from "../../runtime/generated.js";
import { withNodeFactsDecoded } from "../../runtime/input/host-data.js";
import { normalize } from "../../runtime/input/normalize.js";
import { type AdmitDecision, type EngineRun, FixtureEngines, paramsFor } from "../../runtime/testing/engines.js";
import { runGator } from "../../runtime/testing/gator.js";
import { fromOutcomes, type Verdicts, verdictOf } from "../../runtime/testing/verdicts.js";

export type { EngineRun, Verdicts };

/** The built-in controls and generated/. */
export const builtin = new FixtureEngines(
  new Map(BUILTIN_CONTROLS.map((control) => [control.id, control])),
  GENERATED_DIR,
);

export const runTypeScript = (run: EngineRun) => builtin.typescript(run);
export const runWasm = (run: EngineRun) => builtin.wasm(run);

export type EngineName = "typescript" | "wasm" | "opa" | "cel" | "oracle" | "gator";

/**
 * `opa eval` of the scan entrypoint over generated/rego, also on the objects as written (node
 * facts with their contents decoded, as the loader decodes them).
 */
export function runOpa(run: EngineRun, generatedDir = GENERATED_DIR): Verdicts {
  const work = mkdtempSync(path.join(tmpdir(), "rampart-opa-eval-"));
  try {
    const objects = run.objects.map(withNodeFactsDecoded);
    const input = path.join(work, "input.json");
    const data = path.join(work, "data.json");
    writeFileSync(input, JSON.stringify({ objects, controls: controlSet(run.controlIds) }));
    writeFileSync(data, JSON.stringify({ rampart: { inputs: run.inputs, inventory: inventoryOf(objects) } }));
    const result = runTool("opa", [
      "eval",
      "--format",
      "json",
      "--strict-builtin-errors=false",
      "-d",
      path.join(generatedDir, "rego"),
      "-d",
      data,
      "-i",
      input,
      "data.rampart.scan.results",
    ]);
    if (result.status !== 0) throw new Error(`opa eval failed: ${result.stderr}`);
    const parsed = JSON.parse(result.stdout) as { result?: Array<{ expressions: Array<{ value: unknown }> }> };
    const value = (parsed.result?.[0]?.expressions[0]?.value ?? {}) as Record<
      string,
      Array<{ index: number; violations?: Violation[]; error?: boolean }>
    >;
    const outcomes: Outcomes = new Map(
      run.controlIds.map((id) => [
        id,
        (value[id] ?? []).map((entry) =>
          entry.error === true
            ? { index: entry.index, error: "error" }
            : { index: entry.index, violations: entry.violations ?? [] },
        ),
      ]),
    );
    return fromOutcomes(outcomes, run.objects.length);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** What the API server decided for one object: the decision, its message and the CEL cost. */
export interface OracleDecision {
  readonly decision: "admit" | "deny" | "warn" | "audit" | "error";
  readonly message: string;
  readonly costs: Readonly<Record<string, number>>;
  readonly totalCost: number;
}

/** What the API server made of the params object, stored through its CRD. */
export interface ParamsReport {
  readonly errors: readonly string[];
  readonly pruned: readonly string[];
}

/** One ValidatingAdmissionPolicy with its binding, as the oracle takes it. */
export interface OraclePolicy {
  readonly policy: unknown;
  readonly binding: unknown;
}

/** What the oracle reads (test/cel-oracle/README.md). */
export interface OracleRequest {
  readonly kubernetesVersion: string;
  readonly policies: readonly OraclePolicy[];
  readonly objects: readonly unknown[];
  readonly params?: unknown;
  readonly paramsCRD?: unknown;
}

export interface OracleOutput {
  readonly params?: ParamsReport;
  readonly policies: ReadonlyArray<{
    readonly name: string;
    readonly compileErrors: readonly string[];
    readonly results: ReadonlyArray<{
      readonly matched: boolean;
      readonly decision: OracleDecision["decision"];
      readonly message?: string;
      readonly error?: string;
      readonly variables?: { readonly violations?: Violation[] };
      readonly cost?: Record<string, number>;
      readonly totalCost?: number;
    }>;
  }>;
}

/**
 * The API server's own admission code (test/cel-oracle) on every policy and object of the
 * request: one answer per policy, in order, each with one result per object. Throws when there
 * is nothing to ask, when the oracle fails, or when its answer does not cover exactly what was
 * asked, so that an empty answer is never taken for agreement.
 */
export function callOracle(request: OracleRequest): OracleOutput {
  if (request.policies.length === 0) throw new Error("cel-oracle: no policies to check");
  const result = runTool("cel-oracle", [], { input: JSON.stringify(request) });
  if (result.status !== 0) throw new Error(`cel-oracle failed (${result.status}): ${result.stderr}`);
  const output = JSON.parse(result.stdout) as OracleOutput;
  const names = request.policies.map((entry) => (entry.policy as { metadata?: { name?: string } }).metadata?.name);
  const answered = output.policies.map((policy) => policy.name);
  if (JSON.stringify(answered) !== JSON.stringify(names))
    throw new Error(`cel-oracle answered for ${JSON.stringify(answered)}, asked for ${JSON.stringify(names)}`);
  for (const policy of output.policies) {
    if (policy.results.length !== request.objects.length)
      throw new Error(
        `cel-oracle: ${policy.results.length} results for ${policy.name}, ${request.objects.length} objects`,
      );
  }
  return output;
}

/** Control ID → the API server's decision for each object (CEL-expressible controls only). */
export type OracleDecisions = Map<string, OracleDecision[]>;

export interface OracleRun {
  readonly verdicts: Verdicts;
  readonly decisions: OracleDecisions;
  /** The params object as the cluster stored it through the generated ControlInputs CRD. */
  readonly params?: ParamsReport;
}

/** The generated CRD of the ControlInputs kind, as JSON. */
export function controlInputsCrd(generatedDir: string): unknown {
  return parse(readFileSync(path.join(generatedDir, "vap", "control-inputs-crd.yaml"), "utf8"));
}

/**
 * Every CEL-expressible control's policy through the API server's own code, in one call. The
 * params object goes through the generated CRD first, as a cluster stores it: pruned to the
 * fields the CRD declares, and refused (an error here) when a value does not fit its schema.
 */
export function runOracle(run: EngineRun, kubernetesVersion = "1.35", engines = builtin): OracleRun {
  const ids = run.controlIds.filter((id) => engines.policyFile(id) !== undefined);
  const verdicts: Verdicts = new Map();
  const decisions: OracleDecisions = new Map();
  if (ids.length === 0) return { verdicts, decisions };
  const output = callOracle({
    kubernetesVersion,
    policies: ids.map((id) => engines.policyFile(id) as OraclePolicy),
    params: paramsFor(run.inputs),
    paramsCRD: controlInputsCrd(engines.generatedDir),
    objects: run.objects.map((object) => normalize(object)),
  });
  if ((output.params?.errors.length ?? 0) > 0)
    throw new Error(`the API server refuses the ControlInputs object: ${output.params?.errors.join("; ")}`);

  ids.forEach((id, position) => {
    const policy = output.policies[position];
    if (policy === undefined) throw new Error(`cel-oracle returned no result for ${id}`);
    if (policy.compileErrors.length > 0)
      throw new Error(`${id}: the API server rejects the policy: ${policy.compileErrors.join("; ")}`);
    verdicts.set(
      id,
      policy.results.map((entry) => {
        if (!entry.matched) return verdictOf([]);
        if (entry.decision === "error") return verdictOf("error");
        return verdictOf(entry.variables?.violations ?? []);
      }),
    );
    decisions.set(
      id,
      policy.results.map((entry) => ({
        decision: entry.decision,
        message: entry.message ?? entry.error ?? "",
        costs: entry.cost ?? {},
        totalCost: entry.totalCost ?? 0,
      })),
    );
  });
  return { verdicts, decisions, ...(output.params === undefined ? {} : { params: output.params }) };
}

export interface AllEngines {
  readonly verdicts: Record<EngineName, Verdicts>;
  /** The API server's decisions (the oracle). */
  readonly decisions: OracleDecisions;
  /** `rampart admit`'s decisions (the TypeScript CEL evaluation). */
  readonly admitDecisions: Map<string, AdmitDecision[]>;
}

/** Every engine's verdicts for the run, and the API server's decisions. */
export function runAll(run: EngineRun, engines = builtin): AllEngines {
  const oracle = runOracle(run, "1.35", engines);
  const cel = engines.cel(run);
  return {
    verdicts: {
      typescript: engines.typescript(run),
      wasm: engines.wasm(run),
      opa: runOpa(run, engines.generatedDir),
      cel: cel.verdicts,
      oracle: oracle.verdicts,
      gator: runGator(run, engines.generatedDir),
    },
    decisions: oracle.decisions,
    admitDecisions: cel.decisions,
  };
}

/**
 * The deny message the API server must give for `object`: the control's violations, in the
 * check's own order (CEL keeps list order), computed with the run's inputs and no other objects.
 */
export function expectedDenyMessage(
  control: Control,
  object: Record<string, unknown>,
  inputs: ControlInputValues,
): string {
  const context = {
    inputs,
    params: paramsOf(control, inputs),
    objects: () => [],
    objectsIn: () => [],
    object: () => undefined,
  };
  return denyMessage(control, object, control.check(object as never, context));
}
