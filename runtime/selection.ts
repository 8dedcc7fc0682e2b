// Which controls a scan runs: the controls of the named frameworks, or the named controls.
// A catalogue control that Rampart does not implement is kept, as skipped with the reason.
import type { Control, Framework } from "../dsl/index.js";
import { CATALOG, type CatalogEntry } from "../frameworks/catalog/index.js";
import { BUILTIN_CONTROLS, BUILTIN_FRAMEWORKS } from "../frameworks/index.js";

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
  /** The implementation; undefined when the control is skipped. */
  readonly control: Control | undefined;
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
