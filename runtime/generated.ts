// The compiled form of the built-in controls (generated/), as the runtime uses it.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../compiler/tools.js";
import { WasmEngine } from "./engine/wasm.js";
import type { Selection } from "./selection.js";

export const GENERATED_DIR = path.join(PROJECT_ROOT, "generated");

interface Manifest {
  readonly controls: ReadonlyArray<{ readonly id: string; readonly readsKinds: readonly string[] }>;
}

export interface CompiledControls {
  readonly engine: WasmEngine;
  /** The kinds the selected cross-resource controls look up: all the inventory needs to hold. */
  readonly inventoryKinds: ReadonlySet<string>;
  /** The kinds each compiled control looks up, by control ID. */
  readonly lookups: ReadonlyMap<string, readonly string[]>;
}

function readManifest(generatedDir: string): Manifest {
  return JSON.parse(readFileSync(path.join(generatedDir, "manifest.json"), "utf8")) as Manifest;
}

/** The kinds each compiled control of `generatedDir` looks up in other objects, by control ID. */
export function compiledLookups(generatedDir = GENERATED_DIR): ReadonlyMap<string, readonly string[]> {
  return new Map(readManifest(generatedDir).controls.map((control) => [control.id, control.readsKinds]));
}

/** The WASM engine for the built-in controls, after checking generated/ covers the selection. */
export function builtinEngine(selection: Selection, generatedDir = GENERATED_DIR): CompiledControls {
  const wasm = path.join(generatedDir, "policy.wasm");
  const manifestFile = path.join(generatedDir, "manifest.json");
  if (!existsSync(wasm) || !existsSync(manifestFile)) {
    throw new Error(`${generatedDir} has no policy.wasm: run \`rampart compile\` first`);
  }
  const manifest = readManifest(generatedDir);
  const compiled = new Set(manifest.controls.map((control) => control.id));
  const missing = selection.controls.filter((selected) => selected.control !== undefined && !compiled.has(selected.id));
  if (missing.length > 0) {
    throw new Error(
      `generated/ is out of date (it lacks ${missing.map((selected) => selected.id).join(", ")}): run \`rampart compile\``,
    );
  }
  const selected = new Set(selection.controls.map((entry) => entry.id));
  const inventoryKinds = new Set(
    manifest.controls.filter((control) => selected.has(control.id)).flatMap((control) => control.readsKinds),
  );
  return { engine: WasmEngine.fromFile(wasm), inventoryKinds, lookups: compiledLookups(generatedDir) };
}
