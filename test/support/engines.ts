// Runs the same objects through every engine and reduces each result to a comparable verdict:
//   typescript — the control's `check` (the specification)
//   wasm       — generated/policy.wasm through @open-policy-agent/opa-wasm (what scans use)
//   opa        — `opa eval` on generated/rego (OPA's own evaluator, Go)
//   cel        — the generated ValidatingAdmissionPolicy, evaluated in TypeScript (runtime/admission)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
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

export type EngineName = "typescript" | "wasm" | "opa" | "cel";

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

const policies = new Map<string, AdmissionPolicy | null>();

/** The generated admission policy of a control, or null when the control has none. */
function admissionPolicy(id: string, inputs: ControlInputValues): AdmissionPolicy | null {
  const key = `${id}:${JSON.stringify(inputs)}`;
  if (!policies.has(key)) {
    const file = path.join(GENERATED_DIR, "vap", `rampart-${id.toLowerCase()}.yaml`);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      policies.set(key, null);
      return null;
    }
    const { policy, binding } = parsePolicyFile(text);
    const params = {
      apiVersion: "rampart.dev/v1alpha1",
      kind: "ControlInputs",
      metadata: { name: "test" },
      spec: inputs,
    };
    policies.set(key, new AdmissionPolicy(policy, binding, params));
  }
  return policies.get(key) ?? null;
}

/** The `violations` variable of each CEL-expressible control's policy, object by object. */
export function runCel(run: EngineRun): Verdicts {
  const verdicts: Verdicts = new Map();
  for (const id of run.controlIds) {
    const policy = admissionPolicy(id, run.inputs);
    if (policy === null) continue;
    verdicts.set(
      id,
      run.objects.map((raw) => {
        const result = policy.evaluate(normalize(raw) as KubeObject);
        if (!result.matched) return verdictOf([]);
        if (result.decision === "error") return verdictOf("error");
        return verdictOf((result.variables.violations ?? []) as Violation[]);
      }),
    );
  }
  return verdicts;
}

export const ENGINES: Record<EngineName, (run: EngineRun) => Verdicts> = {
  typescript: runTypeScript,
  wasm: runWasm,
  opa: runOpa,
  cel: runCel,
};

/** Every engine's verdicts for the run. */
export function runAll(run: EngineRun): Record<EngineName, Verdicts> {
  return {
    typescript: runTypeScript(run),
    wasm: runWasm(run),
    opa: runOpa(run),
    cel: runCel(run),
  };
}
