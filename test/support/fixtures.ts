// Control fixtures (test/fixtures/controls/<ID>.yaml): cases that pass and cases that fail,
// each naming the paths that must be reported. A case written as a pod spec is expanded into
// every workload kind; a case written as whole objects names its expectations per object.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { WORKLOAD_KINDS, type WorkloadKind } from "../../dsl/index.js";
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import type { ControlInputValues, KubeObject } from "../../runtime/engine/engine.js";
import { wrapPodSpec } from "./workloads.js";

export const FIXTURE_DIR = path.join(import.meta.dirname, "..", "fixtures", "controls");

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
}

interface ObjectsCase {
  readonly name: string;
  readonly objects: readonly KubeObject[];
  /** `Kind/name` → failing paths; objects the control evaluates that are not listed must pass. */
  readonly expect: Readonly<Record<string, readonly string[]>>;
  readonly inputs?: Partial<Record<string, string[]>>;
}

interface FixtureFile {
  readonly control: string;
  readonly cases: ReadonlyArray<PodSpecCase | ObjectsCase>;
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
  readonly objects: readonly KubeObject[];
  readonly expectations: readonly Expectation[];
  readonly inputs: ControlInputValues;
}

function inputsWith(overrides: Partial<Record<string, string[]>> | undefined): ControlInputValues {
  return { ...DEFAULT_CONTROL_INPUTS, ...(overrides ?? {}) } as ControlInputValues;
}

function concrete(control: string, entry: PodSpecCase | ObjectsCase): ConcreteCase {
  const inputs = inputsWith(entry.inputs);
  if ("objects" in entry) {
    const expectations = entry.objects.map((object, objectIndex) => {
      const metadata = object.metadata as { name?: string } | undefined;
      const label = `${object.kind as string}/${metadata?.name ?? ""}`;
      return { label, objectIndex, fails: entry.expect[label] ?? [] };
    });
    const unknown = Object.keys(entry.expect).filter((label) => !expectations.some((e) => e.label === label));
    if (unknown.length > 0)
      throw new Error(`${control} "${entry.name}": expect names no object: ${unknown.join(", ")}`);
    return { control, name: entry.name, objects: entry.objects, expectations, inputs };
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
  return { control, name: entry.name, objects, expectations, inputs };
}

export function loadFixtures(): ConcreteCase[] {
  return readdirSync(FIXTURE_DIR)
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .flatMap((file) => {
      const fixture = parse(readFileSync(path.join(FIXTURE_DIR, file), "utf8")) as FixtureFile;
      if (`${fixture.control}.yaml` !== file) throw new Error(`${file} declares control ${fixture.control}`);
      return fixture.cases.map((entry) => concrete(fixture.control, entry));
    });
}
