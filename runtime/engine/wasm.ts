// Evaluation through policy.wasm with @open-policy-agent/opa-wasm: the module is loaded once and
// every call evaluates many objects against many controls (input is copied into WASM memory on
// each call, so per-object calls would be slow).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { entrypoint, SCAN_PACKAGE } from "../../compiler/backends/rego/modules.js";
import type { Violation } from "../../dsl/index.js";
import type { ControlInputValues, Engine, Inventory, KubeObject, Outcomes } from "./engine.js";

// The SDK's ESM build lacks the named export its types promise; the CommonJS entry has it.
const require = createRequire(import.meta.url);
const { loadPolicySync } = require("@open-policy-agent/opa-wasm") as {
  loadPolicySync(wasm: Uint8Array, memory?: { initial: number; maximum?: number }): LoadedPolicy;
};

interface LoadedPolicy {
  evaluate(input: unknown, entrypoint?: string | number): Array<{ result: unknown }>;
  setData(data: unknown): void;
  readonly entrypoints: Record<string, number>;
}

/** The entrypoint of every control's results, as the compiler builds policy.wasm. */
const SCAN_ENTRYPOINT = entrypoint(SCAN_PACKAGE);

export class WasmEngine implements Engine {
  private constructor(private readonly policy: LoadedPolicy) {}

  static fromFile(file: string): WasmEngine {
    return new WasmEngine(loadPolicySync(readFileSync(file), { initial: 64 }));
  }

  prepare(inputs: ControlInputValues, inventory: Inventory): void {
    this.policy.setData({ rampart: { inputs, inventory } });
  }

  evaluate(objects: readonly KubeObject[], controlIds: readonly string[]): Outcomes {
    const [first] = this.policy.evaluate({ objects, controls: controlIds }, SCAN_ENTRYPOINT);
    const results = (first?.result ?? {}) as Record<
      string,
      Array<{ index: number; violations?: Violation[]; error?: boolean }>
    >;
    const outcomes: Outcomes = new Map();
    for (const id of controlIds) {
      outcomes.set(
        id,
        (results[id] ?? []).map((entry) =>
          entry.error === true
            ? {
                index: entry.index,
                error: "the policy could not evaluate this object (a value has an unexpected type)",
              }
            : { index: entry.index, violations: entry.violations ?? [] },
        ),
      );
    }
    return outcomes;
  }
}
