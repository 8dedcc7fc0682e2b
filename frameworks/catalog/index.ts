// Facts about every catalogue control (Kubescape's public catalogue): names, base scores and
// what a control needs, so that controls we have not implemented are still reported by name.
import { readFileSync } from "node:fs";
import type { InputName } from "../../dsl/index.js";

export interface CatalogEntry {
  readonly id: string;
  readonly name: string;
  readonly baseScore: number;
  readonly category: string;
  readonly kinds: readonly string[];
  readonly needsHostData: boolean;
  readonly needsCloudData: readonly string[];
  readonly configInputs: readonly string[];
  readonly frameworks: readonly string[];
}

interface CatalogFile {
  readonly controls: readonly CatalogEntry[];
}

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, catalogFolder()), "utf8")) as T;
}

/** The JSON files sit beside the TypeScript source, also when running from dist/ (or its bundle). */
function catalogFolder(): URL {
  const here = new URL("./", import.meta.url);
  const dist = here.pathname.lastIndexOf("/dist/");
  return dist >= 0 ? new URL(`${here.pathname.slice(0, dist)}/frameworks/catalog/`, here) : here;
}

export const CATALOG: ReadonlyMap<string, CatalogEntry> = new Map(
  readJson<CatalogFile>("controls.json").controls.map((entry) => [entry.id, entry]),
);

export const DEFAULT_CONTROL_INPUTS: Readonly<Record<InputName, readonly string[]>> =
  readJson("default-control-inputs.json");
