// An offline admission dry run: each object through every policy, as a cluster that runs them
// would decide at CREATE. The object is rejected when any policy denies it (or fails under
// failurePolicy Fail); warnings and audit annotations are collected.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { ParamValue } from "../../dsl/index.js";
import type { KubeObject } from "../engine/engine.js";
import {
  AdmissionPolicy,
  type AdmissionResult,
  type EvaluateOptions,
  parsePolicyFile,
  ReviewedObject,
} from "./policy.js";

export type Verdict = "admitted" | "denied" | "warned" | "audited";

export interface PolicyOutcome {
  readonly policy: string;
  readonly controlId: string | undefined;
  readonly result: AdmissionResult;
}

export interface ObjectAdmission {
  readonly object: KubeObject;
  readonly verdict: Verdict;
  /** The policies that matched and did not simply admit, in policy order. */
  readonly outcomes: readonly PolicyOutcome[];
}

export interface LoadedPolicy {
  readonly name: string;
  readonly controlId: string | undefined;
  readonly policy: AdmissionPolicy;
}

/**
 * The generated policies of a folder (vap/rampart-*.yaml), with its control-inputs.yaml as params;
 * `inputs` replaces values of that object's spec (control inputs and parameters).
 */
export function loadPolicyFolder(
  folder: string,
  controlIds?: ReadonlySet<string>,
  inputs: Readonly<Record<string, ParamValue>> = {},
): LoadedPolicy[] {
  const paramsFile = path.join(folder, "control-inputs.yaml");
  const instance = parse(readFileSync(paramsFile, "utf8")) as { spec?: Record<string, unknown> };
  const params = { ...instance, spec: { ...(instance.spec ?? {}), ...inputs } };
  return readdirSync(folder)
    .filter((file) => /^rampart-.*\.yaml$/.test(file))
    .sort()
    .flatMap((file) => {
      const { policy, binding } = policyFileAt(path.join(folder, file));
      const controlId = policy.metadata?.annotations?.["rampart.dev/control-id"];
      if (controlIds !== undefined && (controlId === undefined || !controlIds.has(controlId))) return [];
      return [{ name: policy.metadata?.name ?? file, controlId, policy: new AdmissionPolicy(policy, binding, params) }];
    });
}

const SEVERITY: Record<Verdict, number> = { admitted: 0, audited: 1, warned: 2, denied: 3 };

function verdictOf(result: AdmissionResult): Verdict {
  switch (result.decision) {
    case "deny":
    case "error":
      return "denied";
    case "warn":
      return "warned";
    case "audit":
      return "audited";
    case "admit":
      return "admitted";
  }
}

/** Each object through every policy; the object is prepared for review once, not once per policy. */
export function dryRun(
  objects: readonly KubeObject[],
  policies: readonly LoadedPolicy[],
  options: EvaluateOptions = {},
): ObjectAdmission[] {
  return objects.map((object) => {
    const reviewed = new ReviewedObject(object);
    const outcomes = policies
      .map((loaded) => ({
        policy: loaded.name,
        controlId: loaded.controlId,
        result: loaded.policy.evaluate(reviewed, options),
      }))
      .filter((outcome) => outcome.result.matched && outcome.result.decision !== "admit");
    const verdict = outcomes
      .map((outcome) => verdictOf(outcome.result))
      .reduce<Verdict>((worst, next) => (SEVERITY[next] > SEVERITY[worst] ? next : worst), "admitted");
    return { object, verdict, outcomes };
  });
}

/** parsePolicyFile, with the file's name in its errors. */
function policyFileAt(file: string): ReturnType<typeof parsePolicyFile> {
  try {
    return parsePolicyFile(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message.split("\n")[0]}`);
  }
}
