// A control's result on one object, in a form every engine can be compared on.
import { isChoiceFix, isRemoveFix, type Violation } from "../../dsl/index.js";
import type { Outcomes } from "../engine/engine.js";

export interface Verdict {
  readonly status: "pass" | "fail" | "error";
  /** Each violation as canonical JSON, sorted: engines may list them in different orders. */
  readonly violations: readonly string[];
  /** Every path the violations name, sorted and without repeats. */
  readonly paths: readonly string[];
}

/** Control ID → one verdict per object (in input order). */
export type Verdicts = Map<string, Verdict[]>;

function canonical(violation: Violation): string {
  return JSON.stringify({
    message: violation.message,
    paths: [...violation.paths],
    fixes: violation.fixes.map((fix) =>
      isRemoveFix(fix)
        ? { path: fix.path, remove: true }
        : isChoiceFix(fix)
          ? { path: fix.path, value: fix.value, choice: fix.choice }
          : { path: fix.path, value: fix.value },
    ),
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

/** Engine outcomes (failures only) as a verdict for each of `count` objects. */
export function fromOutcomes(outcomes: Outcomes, count: number): Verdicts {
  const verdicts: Verdicts = new Map();
  for (const [id, list] of outcomes) {
    const perObject: Verdict[] = Array.from({ length: count }, () => verdictOf([]));
    for (const outcome of list) perObject[outcome.index] = verdictOf("error" in outcome ? "error" : outcome.violations);
    verdicts.set(id, perObject);
  }
  return verdicts;
}
