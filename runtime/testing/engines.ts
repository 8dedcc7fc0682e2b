// The engines a control's fixtures run through: its TypeScript check (the specification), the
// compiled policy.wasm (what scans use) and, where CEL can express the control, its admission
// policy evaluated as `rampart admit` does. Used by `rampart test` and by Rampart's own tests.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Control } from "../../dsl/index.js";
import { AdmissionPolicy, type Decision, type PolicyFile, parsePolicyFile } from "../admission/policy.js";
import { type ControlInputValues, inventoryOf, type KubeObject } from "../engine/engine.js";
import { ReferenceEngine } from "../engine/reference.js";
import { WasmEngine } from "../engine/wasm.js";
import { normalize } from "../input/normalize.js";
import { fromOutcomes, type Verdicts, verdictOf } from "./verdicts.js";

export interface EngineRun {
  readonly objects: readonly KubeObject[];
  readonly controlIds: readonly string[];
  readonly inputs: ControlInputValues;
}

/** The decision `rampart admit` makes for one object, and its message. */
export interface AdmitDecision {
  readonly decision: Decision;
  readonly message: string;
}

/** The params object the bindings refer to, holding the run's control inputs. */
export function paramsFor(inputs: ControlInputValues) {
  return {
    apiVersion: "rampart.dev/v1alpha1",
    kind: "ControlInputs",
    metadata: { name: "rampart-control-inputs" },
    spec: inputs,
  };
}

/** Controls and their compiled forms (a folder made by `rampart compile`). */
export class FixtureEngines {
  private wasmEngine: WasmEngine | undefined;
  private readonly policies = new Map<string, AdmissionPolicy | null>();

  constructor(
    private readonly controls: ReadonlyMap<string, Control>,
    readonly generatedDir: string,
  ) {}

  /** The generated policy and binding of a control; undefined when CEL cannot express it. */
  policyFile(id: string): PolicyFile | undefined {
    const file = path.join(this.generatedDir, "vap", `rampart-${id.toLowerCase()}.yaml`);
    return existsSync(file) ? parsePolicyFile(readFileSync(file, "utf8")) : undefined;
  }

  /** The TypeScript checks, on the objects as the loader leaves them (nulls removed). */
  typescript(run: EngineRun): Verdicts {
    const engine = new ReferenceEngine(this.controls);
    const objects = run.objects.map((object) => normalize(object) as KubeObject);
    engine.prepare(run.inputs, inventoryOf(objects));
    return fromOutcomes(engine.evaluate(objects, run.controlIds), objects.length);
  }

  /** policy.wasm, on the objects as written (explicit nulls included): Rego must not care. */
  wasm(run: EngineRun): Verdicts {
    this.wasmEngine ??= WasmEngine.fromFile(path.join(this.generatedDir, "policy.wasm"));
    this.wasmEngine.prepare(run.inputs, inventoryOf(run.objects));
    return fromOutcomes(this.wasmEngine.evaluate(run.objects, run.controlIds), run.objects.length);
  }

  /** The admission policies evaluated in TypeScript (what `rampart admit` runs), object by object. */
  cel(run: EngineRun): { verdicts: Verdicts; decisions: Map<string, AdmitDecision[]> } {
    const verdicts: Verdicts = new Map();
    const decisions = new Map<string, AdmitDecision[]>();
    for (const id of run.controlIds) {
      const policy = this.admissionPolicy(id, run.inputs);
      if (policy === null) continue;
      const results = run.objects.map((raw) => policy.evaluate(normalize(raw) as KubeObject));
      verdicts.set(
        id,
        results.map((result) => {
          if (!result.matched) return verdictOf([]);
          if (result.decision === "error") return verdictOf("error");
          return verdictOf((result.variables.violations ?? []) as never);
        }),
      );
      decisions.set(
        id,
        results.map((result) => ({ decision: result.decision, message: result.message ?? result.error ?? "" })),
      );
    }
    return { verdicts, decisions };
  }

  private admissionPolicy(id: string, inputs: ControlInputValues): AdmissionPolicy | null {
    const key = `${id}:${JSON.stringify(inputs)}`;
    if (!this.policies.has(key)) {
      const documents = this.policyFile(id);
      this.policies.set(
        key,
        documents === undefined ? null : new AdmissionPolicy(documents.policy, documents.binding, paramsFor(inputs)),
      );
    }
    return this.policies.get(key) ?? null;
  }
}
