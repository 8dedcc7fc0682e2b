// `--controls <dir>` and `--controls-config <file>` as every command reads them: the built-in
// controls, or those and a policy project's (compiled into its cache, then imported); the
// controls config checked against them.
import { DEFAULT_CONTROL_INPUTS } from "../../frameworks/catalog/index.js";
import {
  type ConfigTargets,
  type ControlsConfig,
  configTargets,
  EMPTY_CONTROLS_CONFIG,
  readControlsConfig,
} from "../config/controls-config.js";
import type { Project } from "../project.js";
import { builtinLibrary, type ControlLibrary } from "../selection.js";

export interface ControlSource {
  /** The policy project --controls names; undefined for the built-in controls alone. */
  readonly project: Project | undefined;
  /** The folder the project compiled to, when compiling was asked for. */
  readonly compiled: string | undefined;
  readonly library: ControlLibrary;
  /** The controls and parameters a controls config may name. */
  readonly targets: ConfigTargets;
}

/** A project's controls, compiled. */
export interface CompiledSource extends ControlSource {
  readonly project: Project;
  readonly compiled: string;
}

/**
 * The built-in controls, with those of the project at `controls` when given. With `compile`, the
 * project is compiled first (with the default inputs; cached), so that its diagnostics come
 * before anything its modules could throw when imported.
 */
export async function controlSource(controls: string, compile: { withOpa: boolean }): Promise<CompiledSource>;
export async function controlSource(
  controls: string | undefined,
  compile?: { withOpa: boolean },
): Promise<ControlSource>;
export async function controlSource(
  controls: string | undefined,
  compile?: { withOpa: boolean },
): Promise<ControlSource> {
  if (controls === undefined) {
    const library = builtinLibrary();
    return { project: undefined, compiled: undefined, library, targets: configTargets(library.controls) };
  }
  // The compiler (TypeScript, ts-morph) loads only when a policy project is used.
  const { compiledProject, findProject, importProject, projectLibrary } = await import("../project.js");
  const project = findProject(controls);
  const compiled =
    compile === undefined ? undefined : compiledProject(project, { inputs: DEFAULT_CONTROL_INPUTS, ...compile });
  const library = projectLibrary(await importProject(project));
  return { project, compiled, library, targets: configTargets(library.controls) };
}

/** The controls config at `file` (none: the empty one), checked against the source's controls. */
export function controlsConfig(file: string | undefined, source: ControlSource): ControlsConfig {
  return file === undefined ? EMPTY_CONTROLS_CONFIG : readControlsConfig(file, source.targets);
}
