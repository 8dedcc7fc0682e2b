// Runs control fixtures through the engines and judges them: the TypeScript check must give the
// expected verdict and paths, and every other engine exactly the TypeScript violations.

import type { EngineRun, Problems } from "./engines.js";
import type { ConcreteCase, Expectation } from "./fixtures.js";
import type { Verdict, Verdicts } from "./verdicts.js";

/** What an engine answers for a batch: its verdicts, and what else is wrong with its answers. */
export interface EngineAnswer {
  readonly verdicts: Verdicts;
  /** Per control and object, a problem beyond the verdict (an admission message that is not the check's). */
  readonly problems?: Problems;
}

/** An engine under test: a name and how it evaluates a batch of objects. */
export interface NamedEngine {
  readonly name: string;
  /** Whether the engine evaluates the control at all (e.g. CEL only where expressible). */
  readonly covers: (controlId: string) => boolean;
  readonly run: (run: EngineRun) => EngineAnswer;
}

export interface ExpectationResult {
  readonly case: ConcreteCase;
  readonly expectation: Expectation;
  /** Engine name → verdict (engines that cover the control). */
  readonly verdicts: ReadonlyMap<string, Verdict>;
  /** Why the expectation is not met; empty when it is. */
  readonly problems: readonly string[];
}

/**
 * Cases evaluated together: those of a single-object control that share control inputs (objects
 * do not see each other); each case alone for a cross-resource control.
 */
export function groupCases(
  cases: readonly ConcreteCase[],
  crossResource: (controlId: string) => boolean,
): ConcreteCase[][] {
  const groups = new Map<string, ConcreteCase[]>();
  for (const entry of cases) {
    const key = crossResource(entry.control)
      ? `${entry.control}\u0000case:${entry.file}:${entry.name}`
      : `${entry.control}\u0000inputs:${JSON.stringify(entry.inputs)}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  return [...groups.values()];
}

function describe(verdict: Verdict | undefined): string {
  if (verdict === undefined) return "no verdict";
  if (verdict.status !== "fail") return verdict.status;
  return `fail at ${verdict.paths.join(", ")}`;
}

function judge(
  expectation: Expectation,
  verdicts: ReadonlyMap<string, Verdict>,
  reference: string,
  remarks: ReadonlyMap<string, string>,
): string[] {
  const expected = expectation.fails.length > 0 ? `fail at ${[...expectation.fails].sort().join(", ")}` : "pass";
  const problems: string[] = [];
  const specification = verdicts.get(reference);
  if (describe(specification) !== expected)
    problems.push(`expected ${expected}; ${reference}: ${describe(specification)}`);
  for (const [engine, verdict] of verdicts) {
    if (engine === reference) continue;
    if (JSON.stringify(verdict) !== JSON.stringify(specification)) {
      const detail =
        describe(verdict) === describe(specification)
          ? `the same verdict with other violations: ${verdict.violations.join(" ")} instead of ${specification?.violations.join(" ")}`
          : `${describe(verdict)} while ${reference} says ${describe(specification)}`;
      problems.push(`${engine} disagrees with ${reference}: ${detail}`);
    }
  }
  for (const [engine, remark] of remarks) problems.push(`${engine} disagrees with ${reference}: ${remark}`);
  return problems;
}

/** Every expectation of every case, judged. The first engine is the reference (TypeScript). */
export function runFixtures(
  cases: readonly ConcreteCase[],
  engines: readonly NamedEngine[],
  crossResource: (controlId: string) => boolean,
): ExpectationResult[] {
  const [reference] = engines;
  if (reference === undefined) throw new Error("no engine to run fixtures on");
  return groupCases(cases, crossResource).flatMap((group) => {
    const first = group[0] as ConcreteCase;
    const run: EngineRun = {
      objects: group.flatMap((entry) => entry.objects),
      controlIds: [first.control],
      inputs: first.inputs,
    };
    const results = engines
      .filter((engine) => engine.covers(first.control))
      .map((engine) => {
        const answer = engine.run(run);
        return {
          name: engine.name,
          verdicts: answer.verdicts.get(first.control) ?? [],
          problems: answer.problems?.get(first.control) ?? [],
        };
      });
    let offset = 0;
    return group.flatMap((entry) => {
      const start = offset;
      offset += entry.objects.length;
      return entry.expectations.map((expectation) => {
        const index = start + expectation.objectIndex;
        const verdicts = new Map(results.map((result) => [result.name, result.verdicts[index] as Verdict] as const));
        const remarks = new Map(
          results.flatMap((result) => {
            const problem = result.problems[index];
            return problem === undefined ? [] : [[result.name, problem] as const];
          }),
        );
        return { case: entry, expectation, verdicts, problems: judge(expectation, verdicts, reference.name, remarks) };
      });
    });
  });
}
