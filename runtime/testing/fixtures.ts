// Control fixtures (`<ID>.yaml` with `control: <ID>` and `cases:`): cases that pass and cases
// that fail, each naming the paths that must be reported. A case written as a pod spec is
// expanded into every workload kind; a case written as whole objects names its expectations per
// object. A case may set control inputs (`inputs:`) and the control's own parameters (`params:`);
// the rest keep their defaults. The built-in controls' fixtures are beside them (frameworks/controls/<area>/fixtures/);
// `rampart init` makes projects with a fixtures/ folder of the same form.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { PROJECT_ROOT } from "../../compiler/tools.js";
import { type Params, WORKLOAD_KINDS, type WorkloadKind } from "../../dsl/index.js";
import { defaultInputs, paramValueProblem, settingProblem } from "../config/parameters.js";
import type { ControlInputValues, KubeObject } from "../engine/engine.js";
import { shapeProblem } from "../input/shape.js";
import { wrapPodSpec } from "./workloads.js";

/** The fixtures of the built-in controls. */
export const BUILTIN_FIXTURE_DIR = path.join(PROJECT_ROOT, "frameworks", "controls");

export interface FixtureFile {
  readonly control: string;
  readonly cases: ReadonlyArray<PodSpecCase | ObjectsCase>;
}

interface PodSpecCase {
  readonly name: string;
  readonly podSpec: unknown;
  readonly kinds?: readonly WorkloadKind[];
  readonly labels?: Record<string, string>;
  readonly namespace?: string;
  readonly others?: readonly KubeObject[];
  /** Failing paths relative to the pod spec; [] when the workload passes. */
  readonly fails: readonly string[];
  readonly inputs?: Partial<Record<string, string[]>>;
  readonly params?: Readonly<Record<string, unknown>>;
}

interface ObjectsCase {
  readonly name: string;
  readonly objects: readonly KubeObject[];
  /** `Kind/name` → failing paths; objects the control evaluates that are not listed must pass. */
  readonly expect: Readonly<Record<string, readonly string[]>>;
  readonly inputs?: Partial<Record<string, string[]>>;
  readonly params?: Readonly<Record<string, unknown>>;
}

/** One object of a case with what the control must report for it (undefined: must pass). */
export interface Expectation {
  readonly label: string;
  readonly objectIndex: number;
  readonly fails: readonly string[];
}

/** A case made concrete: objects to scan together, and expectations for some of them. */
export interface ConcreteCase {
  readonly control: string;
  readonly name: string;
  /** The fixture file the case comes from. */
  readonly file: string;
  readonly objects: readonly KubeObject[];
  readonly expectations: readonly Expectation[];
  readonly inputs: ControlInputValues;
}

/** The parameters each control declares, by control ID (undefined: none). */
export type DeclaredParams = (controlId: string) => Params | undefined;

/** The built-in inputs, the control's parameters at their defaults, and what the case sets. */
function inputsOf(control: string, file: string, entry: PodSpecCase | ObjectsCase, declared: DeclaredParams) {
  const parameters = new Map(
    Object.entries(declared(control) ?? {}).map(([name, param]) => [name, { param, controls: [control] }] as const),
  );
  const where = `${file}: ${control} "${entry.name}"`;
  for (const [name, value] of Object.entries(entry.params ?? {})) {
    const param = parameters.get(name);
    const problem =
      param === undefined
        ? `${control} declares no parameter "${name}"${parameters.size === 0 ? "" : ` (it declares ${[...parameters.keys()].join(", ")})`}`
        : paramValueProblem(name, param, value);
    if (problem !== undefined) throw new Error(`${where}: params: ${problem}`);
  }
  const inputs: unknown = entry.inputs ?? {};
  if (typeof inputs !== "object" || inputs === null || Array.isArray(inputs)) {
    throw new Error(`${where}: inputs: a mapping of control input names to lists of strings`);
  }
  for (const [name, value] of Object.entries(inputs)) {
    // Only built-in inputs here: the control's parameters are set under params:.
    const problem = settingProblem(name, value, new Map());
    if (problem === undefined) continue;
    const hint = parameters.has(name) ? ` (a parameter of ${control}: set it under params:)` : "";
    throw new Error(`${where}: inputs: ${problem.message}${hint}`);
  }
  return { ...defaultInputs(parameters), ...inputs, ...(entry.params ?? {}) } as ControlInputValues;
}

function concrete(
  control: string,
  file: string,
  entry: PodSpecCase | ObjectsCase,
  declared: DeclaredParams,
): ConcreteCase {
  const inputs = inputsOf(control, file, entry, declared);
  if ("objects" in entry) {
    const expectations = entry.objects.map((object, objectIndex) => {
      const metadata = object.metadata as { name?: string } | undefined;
      const label = `${object.kind as string}/${metadata?.name ?? ""}`;
      return { label, objectIndex, fails: entry.expect[label] ?? [] };
    });
    const unknown = Object.keys(entry.expect).filter((label) => !expectations.some((e) => e.label === label));
    if (unknown.length > 0)
      throw new Error(`${control} "${entry.name}": expect names no object: ${unknown.join(", ")}`);
    return { control, name: entry.name, file, objects: entry.objects, expectations, inputs };
  }
  const others = entry.others ?? [];
  const kinds = entry.kinds ?? WORKLOAD_KINDS;
  const objects: KubeObject[] = [...others];
  const expectations: Expectation[] = [];
  for (const kind of kinds) {
    const wrapped = wrapPodSpec(kind, `${kind.toLowerCase()}-under-test`, {
      podSpec: entry.podSpec,
      ...(entry.labels === undefined ? {} : { labels: entry.labels }),
      ...(entry.namespace === undefined ? {} : { namespace: entry.namespace }),
    });
    expectations.push({
      label: kind,
      objectIndex: objects.length,
      fails: entry.fails.map((p) => `${wrapped.prefix}${p}`),
    });
    objects.push(wrapped.object);
  }
  return { control, name: entry.name, file, objects, expectations, inputs };
}

/**
 * Every case of every fixture file (`*.yaml`) below `folder`; `declared` tells the parameters of
 * each control, which a case's `params:` must name with values of their types.
 */
export function loadFixtures(folder = BUILTIN_FIXTURE_DIR, declared: DeclaredParams = () => undefined): ConcreteCase[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".yaml") || file.endsWith(".yml"))
    .sort()
    .flatMap((relative) => {
      const file = path.join(folder, relative);
      const fixture = parseFixtureFile(file);
      if (typeof fixture?.control !== "string" || !Array.isArray(fixture.cases)) {
        throw new Error(`${file}: a fixture file holds control: <ID> and cases: [...]`);
      }
      return fixture.cases.map((entry) => wellFormed(concrete(fixture.control, file, entry, declared)));
    });
}

/** A fixture file's YAML; a syntax error or a duplicate key names the file (and the line). */
function parseFixtureFile(file: string): FixtureFile {
  try {
    return parse(readFileSync(file, "utf8")) as FixtureFile;
  } catch (error) {
    throw new Error(`${file}: ${((error as Error).message.split("\n")[0] ?? "").replace(/:$/, "")}`);
  }
}

/** A case whose objects the API server would accept: scans never give malformed ones to a control. */
function wellFormed(entry: ConcreteCase): ConcreteCase {
  for (const object of entry.objects) {
    const problem = shapeProblem(object);
    if (problem === undefined) continue;
    const metadata = object.metadata as { name?: string } | undefined;
    throw new Error(
      `${entry.file}: ${entry.control} "${entry.name}": ${object.kind as string}/${metadata?.name ?? ""}: ${problem.path}: ${problem.message} (the API server would reject this object; scans report it as an error of every control)`,
    );
  }
  return entry;
}
