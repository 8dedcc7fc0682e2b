// The engines a control's fixtures run through: its TypeScript check (the specification), the
// compiled policy.wasm (what scans use) and, where CEL can express the control, its admission
// policy evaluated as `rampart admit` does. Used by `rampart test` and by Rampart's own tests.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { policyName } from "../../compiler/backends/admission.js";
import { PARAM_API_VERSION, PARAM_KIND, PARAM_NAME } from "../../compiler/backends/cel/vap.js";
import type { Control } from "../../dsl/index.js";
import { denyMessage } from "../admission/message.js";
import {
  AdmissionPolicy,
  type Decision,
  type PolicyFile,
  parsePolicyFile,
  ReviewedObject,
} from "../admission/policy.js";
import { type ControlInputValues, inventoryOf, type KubeObject } from "../engine/engine.js";
import { ReferenceEngine } from "../engine/reference.js";
import { WasmEngine } from "../engine/wasm.js";
import { withNodeFactsDecoded } from "../input/host-data.js";
import { normalize } from "../input/normalize.js";
import { fromOutcomes, type Verdicts, verdictOf } from "./verdicts.js";

export interface EngineRun {
  readonly objects: readonly KubeObject[];
  readonly controlIds: readonly string[];
  readonly inputs: ControlInputValues;
}

/** Control ID → per object, what is wrong with an engine's answer besides its verdict. */
export type Problems = Map<string, Array<string | undefined>>;

/** Decisions that carry the failed validation's message. */
const MESSAGE_DECISIONS: ReadonlySet<Decision> = new Set(["deny", "warn", "audit"]);

/** The decision `rampart admit` makes for one object, and its message. */
export interface AdmitDecision {
  readonly decision: Decision;
  readonly message: string;
}

/** The params object the bindings refer to, holding the run's control inputs. */
export function paramsFor(inputs: ControlInputValues) {
  return {
    apiVersion: PARAM_API_VERSION,
    kind: PARAM_KIND,
    metadata: { name: PARAM_NAME },
    spec: inputs,
  };
}

/** Controls and their compiled forms (a folder made by `rampart compile`). */
export class FixtureEngines {
  private wasmEngine: WasmEngine | undefined;
  private readonly policyFiles = new Map<string, PolicyFile | null>();
  private readonly policies = new Map<string, AdmissionPolicy | null>();

  constructor(
    private readonly controls: ReadonlyMap<string, Control>,
    readonly generatedDir: string,
  ) {}

  /** The generated policy and binding of a control (read once); undefined when CEL cannot express it. */
  policyFile(id: string): PolicyFile | undefined {
    if (!this.policyFiles.has(id)) {
      const file = path.join(this.generatedDir, "vap", `${policyName(id)}.yaml`);
      this.policyFiles.set(id, existsSync(file) ? parsePolicyFile(readFileSync(file, "utf8")) : null);
    }
    return this.policyFiles.get(id) ?? undefined;
  }

  /** The TypeScript checks, on the objects as the loader leaves them (nulls removed). */
  typescript(run: EngineRun): Verdicts {
    const engine = new ReferenceEngine(this.controls);
    const objects = run.objects.map((object) => normalize(object) as KubeObject);
    engine.prepare(run.inputs, inventoryOf(objects));
    return fromOutcomes(engine.evaluate(objects, run.controlIds), objects.length);
  }

  /**
   * policy.wasm, on the objects as written (explicit nulls included): Rego must not care. Node
   * facts get their contents decoded, as the loader decodes them before any engine.
   */
  wasm(run: EngineRun): Verdicts {
    const objects = run.objects.map(withNodeFactsDecoded);
    this.wasmEngine ??= WasmEngine.fromFile(path.join(this.generatedDir, "policy.wasm"));
    this.wasmEngine.prepare(run.inputs, inventoryOf(objects));
    return fromOutcomes(this.wasmEngine.evaluate(objects, run.controlIds), objects.length);
  }

  /** The admission policies evaluated in TypeScript (what `rampart admit` runs), object by object. */
  cel(run: EngineRun): { verdicts: Verdicts; decisions: Map<string, AdmitDecision[]> } {
    const verdicts: Verdicts = new Map();
    const decisions = new Map<string, AdmitDecision[]>();
    const reviewed = run.objects.map((raw) => new ReviewedObject(normalize(raw) as KubeObject));
    for (const id of run.controlIds) {
      const policy = this.admissionPolicy(id, run.inputs);
      if (policy === null) continue;
      const results = reviewed.map((object) => policy.evaluate(object));
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

  /**
   * Where an admission decision's message is not the one the control's violations make: the
   * deny message (admission/message.ts) of the TypeScript check's violations on the same object.
   * Control ID → per object, the problem (undefined where the message is right or not checked:
   * the object is admitted, the policy failed, or the check passes).
   */
  denyMessageProblems(run: EngineRun, decisions: ReadonlyMap<string, readonly AdmitDecision[]>): Problems {
    const objects = run.objects.map((object) => normalize(object) as KubeObject);
    const engine = new ReferenceEngine(this.controls);
    engine.prepare(run.inputs, inventoryOf(objects));
    const problems: Problems = new Map();
    for (const [id, outcomes] of engine.evaluate(objects, [...decisions.keys()])) {
      const control = this.controls.get(id);
      const perObject = decisions.get(id);
      if (control === undefined || perObject === undefined) continue;
      const found: Array<string | undefined> = perObject.map(() => undefined);
      for (const outcome of outcomes) {
        const decision = perObject[outcome.index];
        if ("error" in outcome || decision === undefined || !MESSAGE_DECISIONS.has(decision.decision)) continue;
        const expected = denyMessage(control, objects[outcome.index] as KubeObject, outcome.violations);
        if (decision.message !== expected)
          found[outcome.index] = `the ${decision.decision} message is "${decision.message}", not "${expected}"`;
      }
      problems.set(id, found);
    }
    return problems;
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
