// What `rampart list` says about each control: identity and severity, where it lives, whether it
// is implemented, whether it deploys as a ValidatingAdmissionPolicy (and from which Kubernetes
// version), and what else it needs (other objects of the scan, node host data, cloud data).
// Facts of implemented controls come from what the compiler wrote (generated/manifest.json);
// those of catalogue controls not implemented yet, from the catalogue.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  type CelFeature,
  firstVersionWith,
  OLDEST_KUBERNETES_VERSION,
  parseKubernetesVersion,
} from "../compiler/backends/cel/features.js";
import { CATALOG } from "../frameworks/catalog/index.js";
import { GENERATED_DIR } from "./generated.js";
import { type Severity, severityOf } from "./score.js";
import type { ControlLibrary } from "./selection.js";

/** What generated/manifest.json records of a control (the fields read here). */
interface ManifestControl {
  readonly id: string;
  readonly source: string;
  readonly scope: "single-object" | "cross-resource";
  readonly readsKinds: readonly string[];
  readonly admission:
    | { readonly expressible: true; readonly celFeatures: readonly CelFeature[] }
    | { readonly expressible: false; readonly reason: string };
}

export type Admission =
  | { readonly vap: true; readonly fromKubernetes: string }
  | { readonly vap: false; readonly reason: string };

export interface ControlFacts {
  readonly id: string;
  readonly name: string;
  readonly severity: Severity;
  readonly baseScore: number;
  /** The folder under frameworks/controls/ (undefined: not a built-in implemented control). */
  readonly area: string | undefined;
  readonly implemented: boolean;
  /** The built-in frameworks that list the control. */
  readonly frameworks: readonly string[];
  /** Undefined when not known (a control not implemented, or not compiled into generated/). */
  readonly admission: Admission | undefined;
  /** Kinds of other objects its check reads (cross-resource); undefined when not known. */
  readonly readsKinds: readonly string[] | undefined;
  readonly needsNodeData: boolean;
  readonly needsCloudData: readonly string[];
}

export interface FrameworkFacts {
  readonly name: string;
  readonly title: string;
  readonly controls: number;
  readonly implemented: number;
  readonly admissionPolicies: number;
}

/** The compiled facts of the built-in controls, by ID (none when generated/ is missing). */
function manifestControls(generatedDir: string): ReadonlyMap<string, ManifestControl> {
  const file = path.join(generatedDir, "manifest.json");
  if (!existsSync(file)) return new Map();
  const manifest = JSON.parse(readFileSync(file, "utf8")) as { controls: readonly ManifestControl[] };
  return new Map(manifest.controls.map((control) => [control.id, control]));
}

/** The oldest Kubernetes version whose API server accepts every CEL feature a policy uses. */
function fromKubernetes(features: readonly CelFeature[]): string {
  const minor = (version: string) => parseKubernetesVersion(version)?.minor ?? 0;
  return [OLDEST_KUBERNETES_VERSION, ...features.map(firstVersionWith)].reduce((oldest, version) =>
    minor(version) > minor(oldest) ? version : oldest,
  );
}

function admissionOf(compiled: ManifestControl | undefined): Admission | undefined {
  if (compiled === undefined) return undefined;
  return compiled.admission.expressible
    ? { vap: true, fromKubernetes: fromKubernetes(compiled.admission.celFeatures) }
    : { vap: false, reason: compiled.admission.reason };
}

/** `frameworks/controls/workload/C-0016-….ts` → `workload`. */
function areaOf(source: string | undefined): string | undefined {
  const match = source === undefined ? null : /(?:^|\/)frameworks\/controls\/([^/]+)\//.exec(source);
  return match?.[1];
}

/**
 * Every control of the library and of the catalogue, by ID; with `framework`, those the framework
 * lists, in its order.
 */
export function controlFacts(
  library: ControlLibrary,
  framework?: string,
  generatedDir = GENERATED_DIR,
): ControlFacts[] {
  const compiled = manifestControls(generatedDir);
  const ids =
    framework === undefined
      ? [...new Set([...CATALOG.keys(), ...library.controls.keys()])].sort()
      : (library.frameworks.get(framework)?.controlIds ?? []);
  return ids.map((id) => {
    const control = library.controls.get(id);
    const entry = CATALOG.get(id);
    const facts = control === undefined ? undefined : compiled.get(id);
    const baseScore = control?.baseScore ?? entry?.baseScore ?? 0;
    return {
      id,
      name: control?.name ?? entry?.name ?? id,
      severity: severityOf(baseScore),
      baseScore,
      area: areaOf(facts?.source),
      implemented: control !== undefined,
      frameworks: [...library.frameworks.values()]
        .filter((candidate) => candidate.controlIds.includes(id))
        .map((candidate) => candidate.name),
      admission: admissionOf(facts),
      readsKinds: facts === undefined ? undefined : facts.scope === "cross-resource" ? facts.readsKinds : [],
      needsNodeData: entry?.needsHostData ?? false,
      needsCloudData: entry?.needsCloudData ?? [],
    };
  });
}

export function frameworkFacts(library: ControlLibrary, generatedDir = GENERATED_DIR): FrameworkFacts[] {
  return [...library.frameworks.values()].map((framework) => {
    const controls = controlFacts(library, framework.name, generatedDir);
    return {
      name: framework.name,
      title: framework.title,
      controls: controls.length,
      implemented: controls.filter((control) => control.implemented).length,
      admissionPolicies: controls.filter((control) => control.admission?.vap === true).length,
    };
  });
}
