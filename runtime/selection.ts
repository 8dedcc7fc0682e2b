// Which controls a scan runs: the controls of the named frameworks, or the named controls.
// A catalogue control that Rampart does not implement is kept, as skipped with the reason.
import type { Control, Framework } from "../dsl/index.js";
import { CATALOG, type CatalogEntry } from "../frameworks/catalog/index.js";
import { BUILTIN_CONTROLS, BUILTIN_FRAMEWORKS } from "../frameworks/index.js";
import type { ControlInputValues } from "./engine/engine.js";

export interface ControlLibrary {
  readonly controls: ReadonlyMap<string, Control>;
  readonly frameworks: ReadonlyMap<string, Framework>;
}

export function builtinLibrary(): ControlLibrary {
  return {
    controls: new Map(BUILTIN_CONTROLS.map((control) => [control.id, control])),
    frameworks: new Map(BUILTIN_FRAMEWORKS.map((framework) => [framework.name, framework])),
  };
}

export interface SelectedControl {
  readonly id: string;
  readonly name: string;
  readonly baseScore: number;
  readonly category: string;
  /** The selected frameworks that list this control (by name). */
  readonly frameworks: readonly string[];
  /** Names and titles of every known framework that lists the control (for exceptions). */
  readonly memberOf: readonly string[];
  /** The implementation; undefined when Rampart has none. */
  readonly control: Control | undefined;
  /** Why the control is not evaluated (no implementation, or no configuration); undefined when it is. */
  readonly skipReason: string | undefined;
}

export interface Selection {
  readonly frameworks: readonly Framework[];
  readonly controls: readonly SelectedControl[];
}

/** A selection the user asked for that cannot be made (unknown framework or control). */
export class SelectionError extends Error {
  override name = "SelectionError";
}

export function selectFrameworks(library: ControlLibrary, names: readonly string[]): Selection {
  const frameworks = names.map((name) => {
    const framework =
      library.frameworks.get(name) ??
      [...library.frameworks.values()].find((f) => f.title.toLowerCase() === name.toLowerCase());
    if (framework === undefined) {
      throw new SelectionError(
        `unknown framework "${name}"; known frameworks: ${[...library.frameworks.keys()].join(", ")}`,
      );
    }
    return framework;
  });
  const ids = [...new Set(frameworks.flatMap((framework) => framework.controlIds))];
  return {
    frameworks,
    controls: ids.map((id) =>
      selected(
        library,
        id,
        frameworks.filter((framework) => framework.controlIds.includes(id)).map((f) => f.name),
      ),
    ),
  };
}

export function selectControls(library: ControlLibrary, ids: readonly string[]): Selection {
  const unknown = ids.filter((id) => !library.controls.has(id) && !CATALOG.has(id));
  if (unknown.length > 0) throw new SelectionError(`unknown control ID: ${unknown.join(", ")} (IDs look like C-0016)`);
  return { frameworks: [], controls: [...new Set(ids)].map((id) => selected(library, id, [])) };
}

function selected(library: ControlLibrary, id: string, frameworks: readonly string[]): SelectedControl {
  const memberOf = [...library.frameworks.values()]
    .filter((framework) => framework.controlIds.includes(id))
    .flatMap((framework) => [framework.name, framework.title]);
  const control = library.controls.get(id);
  if (control !== undefined) {
    return {
      id,
      name: control.name,
      baseScore: control.baseScore,
      category: control.category,
      frameworks,
      memberOf,
      control,
      skipReason: undefined,
    };
  }
  const entry = CATALOG.get(id);
  return {
    id,
    name: entry?.name ?? id,
    baseScore: entry?.baseScore ?? 0,
    category: entry?.category ?? "",
    frameworks,
    memberOf,
    control: undefined,
    skipReason: skipReason(entry),
  };
}

function skipReason(entry: CatalogEntry | undefined): string {
  if (entry?.needsHostData === true)
    return "not implemented: needs node host data, which manifest and cluster-object scans do not collect";
  if (entry !== undefined && entry.needsCloudData.length > 0) {
    return `not implemented: needs cloud provider data (${entry.needsCloudData.join(", ")})`;
  }
  return "not implemented";
}

/**
 * Why an implemented control is not evaluated with these control inputs: it reads inputs and every
 * one of them is an empty list, so its check has nothing to look for (Kubescape's "configuration"
 * status). A control whose check judges objects without its inputs declares `inputsOptional`.
 */
export function configurationNeeded(control: Control, inputs: ControlInputValues): string | undefined {
  if (control.inputsOptional === true || control.inputs.length === 0) return undefined;
  if (control.inputs.some((name) => (inputs[name] ?? []).length > 0)) return undefined;
  return `needs configuration: set ${control.inputs.join(", ")} in --controls-config`;
}

/** The selection with every control that needs configuration (configurationNeeded) skipped, with the reason. */
export function withConfiguration(selection: Selection, inputs: ControlInputValues): Selection {
  return {
    frameworks: selection.frameworks,
    controls: selection.controls.map((selected) => {
      const reason = selected.control === undefined ? undefined : configurationNeeded(selected.control, inputs);
      return reason === undefined || selected.skipReason !== undefined ? selected : { ...selected, skipReason: reason };
    }),
  };
}
