// The per-case assertions of the differential tests: every engine gives the TypeScript verdict,
// the API server decides and words its denial as the check says, within its CEL cost limits.
import { expect } from "vitest";
import type { Control } from "../../dsl/index.js";
import { normalize } from "../../runtime/input/normalize.js";
import type { FixtureEngines } from "../../runtime/testing/engines.js";
import type { ConcreteCase, Expectation } from "../../runtime/testing/fixtures.js";
import { groupCases } from "../../runtime/testing/run.js";
import {
  type AllEngines,
  builtin,
  type EngineName,
  expectedDenyMessage,
  type OracleDecision,
  runAll,
} from "./engines.js";

/** The API server's limits: per CEL expression, and per policy evaluation. */
export const EXPRESSION_COST_LIMIT = 1_000_000;
export const EVALUATION_COST_LIMIT = 10_000_000;

/** The engines' results for a case: those of its group, where its objects start at `offset`. */
export interface CaseResult {
  readonly engines: AllEngines;
  readonly offset: number;
}

/** Runs one control's cases through every engine, a group of cases per run (see groupCases). */
export function runCases(
  id: string,
  cases: readonly ConcreteCase[],
  crossResource: (controlId: string) => boolean,
  engines: FixtureEngines = builtin,
): Map<ConcreteCase, CaseResult> {
  const results = new Map<ConcreteCase, CaseResult>();
  for (const group of groupCases(cases, crossResource)) {
    const objects = group.flatMap((entry) => entry.objects);
    const all = runAll({ objects, controlIds: [id], inputs: group[0]?.inputs ?? ({} as never) }, engines);
    let offset = 0;
    for (const entry of group) {
      results.set(entry, { engines: all, offset });
      offset += entry.objects.length;
    }
  }
  return results;
}

export interface AgreementCheck {
  readonly control: Control;
  readonly entry: ConcreteCase;
  readonly expectation: Expectation;
  readonly result: CaseResult | undefined;
  readonly exportedToGatekeeper: boolean;
  readonly expressibleInCel: boolean;
  /** The share of the API server's cost limits a policy may use on a fixture. */
  readonly costShare: number;
}

/** Asserts that every engine agrees on one object; the API server's decision, when CEL applies. */
export function expectAgreement(check: AgreementCheck): OracleDecision | undefined {
  const { control, entry, expectation, result } = check;
  if (result === undefined) throw new Error("no engine results");
  const index = result.offset + expectation.objectIndex;
  const at = (engine: EngineName) => result.engines.verdicts[engine].get(control.id)?.[index];
  const reference = at("typescript");
  expect(reference?.status, "TypeScript verdict").toBe(expectation.fails.length > 0 ? "fail" : "pass");
  expect(reference?.paths, "TypeScript failing paths").toEqual([...expectation.fails].sort());
  expect(at("wasm"), "policy.wasm agrees with TypeScript").toEqual(reference);
  expect(at("opa"), "opa eval agrees with TypeScript").toEqual(reference);
  if (check.exportedToGatekeeper)
    expect(at("gator"), "Gatekeeper (gator test) agrees with TypeScript").toEqual(reference);
  if (!check.expressibleInCel) return undefined;
  expect(at("cel"), "the admission policy (TypeScript CEL) agrees with TypeScript").toEqual(reference);
  expect(at("oracle"), "the API server's CEL agrees with TypeScript").toEqual(reference);
  const decision = result.engines.decisions.get(control.id)?.[index];
  expect(decision?.decision, "the API server's decision").toBe(reference?.status === "fail" ? "deny" : "admit");
  const admit = result.engines.admitDecisions.get(control.id)?.[index];
  expect(admit, "rampart admit decides as the API server").toEqual({
    decision: decision?.decision,
    message: decision?.message,
  });
  if (decision?.decision === "deny") {
    const object = normalize(entry.objects[expectation.objectIndex]) as Record<string, unknown>;
    expect(decision.message).toBe(expectedDenyMessage(control, object, entry.inputs));
  }
  for (const [expression, cost] of Object.entries(decision?.costs ?? {}))
    expect(cost, `${expression} within the per-expression limit`).toBeLessThan(EXPRESSION_COST_LIMIT * check.costShare);
  expect(decision?.totalCost ?? 0, "within the per-evaluation limit").toBeLessThan(
    EVALUATION_COST_LIMIT * check.costShare,
  );
  return decision;
}
