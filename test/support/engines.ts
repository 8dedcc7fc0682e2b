// Runs the same objects through every engine and reduces each result to a comparable verdict:
//   typescript — the control's `check` (the specification)
//   wasm       — generated/policy.wasm through @open-policy-agent/opa-wasm (what scans use)
//   opa        — `opa eval` on generated/rego (OPA's own evaluator, Go)
//   cel        — the generated ValidatingAdmissionPolicy, evaluated in TypeScript (runtime/admission)
//   oracle     — the same policy evaluated by the Kubernetes API server's own CEL and admission
//                code (test/cel-oracle, Go)
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runTool } from "../../compiler/tools.js";
import type { Violation } from "../../dsl/index.js";
import { BUILTIN_CONTROLS } from "../../frameworks/index.js";
import { AdmissionPolicy, parsePolicyFile } from "../../runtime/admission/policy.js";
import { type ControlInputValues, inventoryOf, type KubeObject, type Outcomes } from "../../runtime/engine/engine.js";
import { ReferenceEngine } from "../../runtime/engine/reference.js";
import { WasmEngine } from "../../runtime/engine/wasm.js";
import { GENERATED_DIR } from "../../runtime/generated.js";
import { normalize } from "../../runtime/input/normalize.js";

export type EngineName = "typescript" | "wasm" | "opa" | "cel" | "oracle";

export interface Verdict {
  readonly status: "pass" | "fail" | "error";
  /** Each violation as canonical JSON, sorted: engines may list them in different orders. */
  readonly violations: readonly string[];
  /** Every path the violations name, sorted and without repeats. */
  readonly paths: readonly string[];
}

/** Control ID → one verdict per object (in input order). */
export type Verdicts = Map<string, Verdict[]>;

export interface EngineRun {
  readonly objects: readonly KubeObject[];
  readonly controlIds: readonly string[];
  readonly inputs: ControlInputValues;
}

const CONTROLS = new Map(BUILTIN_CONTROLS.map((control) => [control.id, control]));

function canonical(violation: Violation): string {
  return JSON.stringify({
    message: violation.message,
    paths: [...violation.paths],
    fixes: violation.fixes.map((fix) => ({ path: fix.path, value: fix.value })),
  });
}

export function verdictOf(violations: readonly Violation[] | "error"): Verdict {
  if (violations === "error") return { status: "error", violations: [], paths: [] };
  return {
    status: violations.length === 0 ? "pass" : "fail",
    violations: violations.map(canonical).sort(),
    paths: [...new Set(violations.flatMap((violation) => violation.paths))].sort(),
  };
}

function fromOutcomes(outcomes: Outcomes, count: number): Verdicts {
  const verdicts: Verdicts = new Map();
  for (const [id, list] of outcomes) {
    const perObject: Verdict[] = Array.from({ length: count }, () => verdictOf([]));
    for (const outcome of list) perObject[outcome.index] = verdictOf("error" in outcome ? "error" : outcome.violations);
    verdicts.set(id, perObject);
  }
  return verdicts;
}

/** Objects a control does not apply to are left out of its verdicts (marked pass). */
export function runTypeScript(run: EngineRun): Verdicts {
  const engine = new ReferenceEngine(CONTROLS);
  const objects = run.objects.map((object) => normalize(object) as KubeObject);
  engine.prepare(run.inputs, inventoryOf(objects));
  return fromOutcomes(engine.evaluate(objects, run.controlIds), objects.length);
}

let wasm: WasmEngine | undefined;

/** policy.wasm sees the objects as written (explicit nulls included): Rego must not care. */
export function runWasm(run: EngineRun): Verdicts {
  wasm ??= WasmEngine.fromFile(path.join(GENERATED_DIR, "policy.wasm"));
  wasm.prepare(run.inputs, inventoryOf(run.objects));
  return fromOutcomes(wasm.evaluate(run.objects, run.controlIds), run.objects.length);
}

/** `opa eval` of the scan entrypoint over generated/rego, also on the objects as written. */
export function runOpa(run: EngineRun): Verdicts {
  const work = mkdtempSync(path.join(tmpdir(), "rampart-opa-eval-"));
  try {
    const input = path.join(work, "input.json");
    const data = path.join(work, "data.json");
    writeFileSync(input, JSON.stringify({ objects: run.objects, controls: run.controlIds }));
    writeFileSync(data, JSON.stringify({ rampart: { inputs: run.inputs, inventory: inventoryOf(run.objects) } }));
    const result = runTool("opa", [
      "eval",
      "--format",
      "json",
      "--strict-builtin-errors=false",
      "-d",
      path.join(GENERATED_DIR, "rego"),
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

/** The generated policy and binding of a control; undefined when CEL cannot express it. */
function policyFile(id: string): ReturnType<typeof parsePolicyFile> | undefined {
  const file = path.join(GENERATED_DIR, "vap", `rampart-${id.toLowerCase()}.yaml`);
  return existsSync(file) ? parsePolicyFile(readFileSync(file, "utf8")) : undefined;
}

/** The params object the bindings refer to, holding the run's control inputs. */
function paramsFor(inputs: ControlInputValues) {
  return {
    apiVersion: "rampart.dev/v1alpha1",
    kind: "ControlInputs",
    metadata: { name: "rampart-control-inputs" },
    spec: inputs,
  };
}

const policies = new Map<string, AdmissionPolicy | null>();

/** The generated admission policy of a control, or null when the control has none. */
function admissionPolicy(id: string, inputs: ControlInputValues): AdmissionPolicy | null {
  const key = `${id}:${JSON.stringify(inputs)}`;
  if (!policies.has(key)) {
    const documents = policyFile(id);
    policies.set(
      key,
      documents === undefined ? null : new AdmissionPolicy(documents.policy, documents.binding, paramsFor(inputs)),
    );
  }
  return policies.get(key) ?? null;
}

/** The decision `rampart admit` makes for one object, and its message. */
export interface AdmitDecision {
  readonly decision: "admit" | "deny" | "warn" | "audit" | "error";
  readonly message: string;
}

/** The admission policies evaluated in TypeScript (what `rampart admit` runs), object by object. */
export function runCel(run: EngineRun): { verdicts: Verdicts; decisions: Map<string, AdmitDecision[]> } {
  const verdicts: Verdicts = new Map();
  const decisions = new Map<string, AdmitDecision[]>();
  for (const id of run.controlIds) {
    const policy = admissionPolicy(id, run.inputs);
    if (policy === null) continue;
    const results = run.objects.map((raw) => policy.evaluate(normalize(raw) as KubeObject));
    verdicts.set(
      id,
      results.map((result) => {
        if (!result.matched) return verdictOf([]);
        if (result.decision === "error") return verdictOf("error");
        return verdictOf((result.variables.violations ?? []) as Violation[]);
      }),
    );
    decisions.set(
      id,
      results.map((result) => ({ decision: result.decision, message: result.message ?? result.error ?? "" })),
    );
  }
  return { verdicts, decisions };
}

/** What the API server decided for one object: the decision, its message and the CEL cost. */
export interface OracleDecision {
  readonly decision: "admit" | "deny" | "warn" | "audit" | "error";
  readonly message: string;
  readonly costs: Readonly<Record<string, number>>;
  readonly totalCost: number;
}

interface OracleOutput {
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

/** Control ID → the API server's decision for each object (CEL-expressible controls only). */
export type OracleDecisions = Map<string, OracleDecision[]>;

export interface OracleRun {
  readonly verdicts: Verdicts;
  readonly decisions: OracleDecisions;
}

/** Every CEL-expressible control's policy through the API server's own code, in one call. */
export function runOracle(run: EngineRun, kubernetesVersion = "1.35"): OracleRun {
  const ids = run.controlIds.filter((id) => policyFile(id) !== undefined);
  const verdicts: Verdicts = new Map();
  const decisions: OracleDecisions = new Map();
  if (ids.length === 0) return { verdicts, decisions };
  const request = {
    kubernetesVersion,
    policies: ids.map((id) => policyFile(id)),
    params: paramsFor(run.inputs),
    objects: run.objects.map((object) => normalize(object)),
  };
  const result = runTool("cel-oracle", [], { input: JSON.stringify(request) });
  if (result.status !== 0) throw new Error(`cel-oracle failed (${result.status}): ${result.stderr}`);
  const output = JSON.parse(result.stdout) as OracleOutput;
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
  return { verdicts, decisions };
}

export interface AllEngines {
  readonly verdicts: Record<EngineName, Verdicts>;
  /** The API server's decisions (the oracle). */
  readonly decisions: OracleDecisions;
  /** `rampart admit`'s decisions (the TypeScript CEL evaluation). */
  readonly admitDecisions: Map<string, AdmitDecision[]>;
}

/** Every engine's verdicts for the run, and the API server's decisions. */
export function runAll(run: EngineRun): AllEngines {
  const oracle = runOracle(run);
  const cel = runCel(run);
  return {
    verdicts: {
      typescript: runTypeScript(run),
      wasm: runWasm(run),
      opa: runOpa(run),
      cel: cel.verdicts,
      oracle: oracle.verdicts,
    },
    decisions: oracle.decisions,
    admitDecisions: cel.decisions,
  };
}
