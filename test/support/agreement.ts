// The per-case assertions of the differential tests: every engine gives the TypeScript verdict,
// the API server decides and words its denial as the check says, within its CEL cost limits.
import { beforeAll, describe, expect, it } from "vitest";
import { SCAN_ONLY_KINDS } from "../../compiler/backends/cel/resources.js";
import type { Control, KindName } from "../../dsl/index.js";
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
  // Admission and Gatekeeper match API kinds only: a cloud provider's cluster description never reaches them.
  const reachesApiServer = !SCAN_ONLY_KINDS.has(entry.objects[expectation.objectIndex]?.kind as KindName);
  if (check.exportedToGatekeeper && reachesApiServer)
    expect(at("gator"), "Gatekeeper (gator test) agrees with TypeScript").toEqual(reference);
  if (!check.expressibleInCel || !reachesApiServer) return undefined;
  expect(at("cel"), "the admission policy (TypeScript CEL) agrees with TypeScript").toEqual(reference);
  expect(at("oracle"), "the API server's CEL agrees with TypeScript").toEqual(reference);
  const decision = result.engines.decisions.get(control.id)?.[index];
  // A failure is refused, or only warned about for a control whose action is warn (its binding says so).
  const refusal = control.action === "warn" ? "warn" : "deny";
  expect(decision?.decision, "the API server's decision").toBe(reference?.status === "fail" ? refusal : "admit");
  const admit = result.engines.admitDecisions.get(control.id)?.[index];
  expect(admit, "rampart admit decides as the API server").toEqual({
    decision: decision?.decision,
    message: decision?.message,
  });
  if (decision?.decision === refusal) {
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

/** What a differential suite runs: fixture cases of some controls, and how each is compiled. */
export interface AgreementSuite {
  readonly cases: readonly ConcreteCase[];
  readonly controls: ReadonlyMap<string, Control>;
  /** The compiled forms to run (read when the suite runs: they may be compiled in a beforeAll). */
  readonly engines: () => FixtureEngines;
  readonly crossResource: (controlId: string) => boolean;
  readonly exportedToGatekeeper: (controlId: string) => boolean;
  readonly expressibleInCel: (controlId: string) => boolean;
  readonly costShare: number;
  /** Told the API server's decision on each object (for the largest-cost figures). */
  readonly onDecision?: (where: string, decision: OracleDecision) => void;
}

/** A describe per control and a test per object of its fixtures: every engine must agree. */
export function describeAgreement(suite: AgreementSuite): void {
  describe.each([...new Set(suite.cases.map((entry) => entry.control))])("%s", (id) => {
    const mine = suite.cases.filter((entry) => entry.control === id);
    let results = new Map<ConcreteCase, CaseResult>();

    beforeAll(() => {
      results = runCases(id, mine, suite.crossResource, suite.engines());
    });

    for (const entry of mine) {
      describe(entry.name, () => {
        for (const expectation of entry.expectations) {
          it(expectation.label, () => {
            const control = suite.controls.get(id);
            if (control === undefined) throw new Error(`no TypeScript control ${id}`);
            const decision = expectAgreement({
              control,
              entry,
              expectation,
              result: results.get(entry),
              exportedToGatekeeper: suite.exportedToGatekeeper(id),
              expressibleInCel: suite.expressibleInCel(id),
              costShare: suite.costShare,
            });
            if (decision !== undefined) suite.onDecision?.(`${id}, ${entry.name}`, decision);
          });
        }
      });
    }
  });
}

/** Asserts that the fixtures cover exactly `ids`, each with an object that fails and one that passes. */
export function expectFixtureCoverage(cases: readonly ConcreteCase[], ids: readonly string[]): void {
  const sorted = [...ids].sort();
  expect([...new Set(cases.map((entry) => entry.control))].sort(), "controls with fixtures").toEqual(sorted);
  const outcomes = (pass: boolean) =>
    sorted.filter((id) =>
      cases.some(
        (entry) =>
          entry.control === id && entry.expectations.some((expectation) => (expectation.fails.length === 0) === pass),
      ),
    );
  expect(outcomes(false), "controls with a failing object").toEqual(sorted);
  expect(outcomes(true), "controls with a passing object").toEqual(sorted);
}
