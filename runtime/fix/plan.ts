// What `rampart fix` would change: for each object that fails controls, the fixes of its
// violations as field changes and one JSON patch against the object as scanned. A violation is
// fixed whole or not at all: one without fixes, or with a fix whose value the user must choose
// (and has not: controls config `fixValues`, or `--defaults` for the documented default), is
// reported instead.
import { type Fix, isChoiceFix, isRemoveFix, type Violation } from "../../dsl/index.js";
import { shapeProblem } from "../input/shape.js";
import { isFailing, type ResourceResult, type ScannedObject, type ScanResult } from "../scan.js";
import { applyPatch, type FieldChange, type PatchOperation, patchFor } from "./json-patch.js";
import { typedFixValue } from "./values.js";

export interface FixOptions {
  /** Values chosen for fixes that need a choice, by choice name (controls config `fixValues`). */
  readonly fixValues: ReadonlyMap<string, string>;
  /** Use the documented default where no value was chosen. */
  readonly defaults: boolean;
}

/** Every value to choose at its documented default: the patches reports show. */
export const DOCUMENTED_DEFAULTS: FixOptions = { fixValues: new Map(), defaults: true };

/** A finding `rampart fix` leaves alone, and why. */
export interface UnfixedFinding {
  readonly control: string;
  readonly message: string;
  readonly reason: string;
}

export interface ObjectFix {
  readonly object: ScannedObject;
  /** The controls whose violations the patch fixes. */
  readonly controls: readonly string[];
  readonly patch: readonly PatchOperation[];
  readonly unfixed: readonly UnfixedFinding[];
}

/** A fix as a change to its field, or why it cannot be applied yet. */
function changeOf(object: ScannedObject, fix: Fix, options: FixOptions): FieldChange | { needs: string } {
  if (isRemoveFix(fix)) return { kind: "remove", path: fix.path };
  if (!isChoiceFix(fix)) return { kind: "set", path: fix.path, value: typedFixValue(object.kind, fix.path, fix.value) };
  const chosen = options.fixValues.get(fix.choice) ?? (options.defaults && fix.value !== "" ? fix.value : undefined);
  if (chosen === undefined) {
    const hint = fix.value === "" ? "; it has no default" : `, or --defaults for ${fix.value}`;
    return { needs: `needs a value for ${fix.choice} (fixValues: {${fix.choice}: …} in --controls-config${hint})` };
  }
  return { kind: "set", path: fix.path, value: typedFixValue(object.kind, fix.path, chosen) };
}

/** The changes of one violation, or the finding left unfixed. */
function violationChanges(
  object: ScannedObject,
  control: string,
  violation: Violation,
  options: FixOptions,
): FieldChange[] | UnfixedFinding {
  if (violation.fixes.length === 0)
    return { control, message: violation.message, reason: "the control knows no fix: change it by hand" };
  const changes: FieldChange[] = [];
  for (const fix of violation.fixes) {
    const change = changeOf(object, fix, options);
    if ("needs" in change) return { control, message: violation.message, reason: change.needs };
    changes.push(change);
  }
  return changes;
}

/** The patch fixing one violation of an object as scanned (choices resolved as `options` say), if it has one. */
export function violationPatch(
  object: ScannedObject,
  violation: Violation,
  options: FixOptions,
): readonly PatchOperation[] | undefined {
  const changes = violationChanges(object, "", violation, options);
  return Array.isArray(changes) ? patchFor(object.object, changes) : undefined;
}

/** Every object that fails a control, with the patch that fixes what can be fixed. */
export function planFixes(result: ScanResult, options: FixOptions): ObjectFix[] {
  const failures = new Map<number, Array<{ control: string; resource: ResourceResult }>>();
  for (const control of result.controls) {
    for (const resource of control.resources) {
      if (!isFailing(resource) || resource.status === "error") continue;
      const list = failures.get(resource.object.index) ?? [];
      list.push({ control: control.control.id, resource });
      failures.set(resource.object.index, list);
    }
  }
  return [...failures.values()].map((entries) => {
    const object = (entries[0] as { resource: ResourceResult }).resource.object;
    const changes: FieldChange[] = [];
    const controls: string[] = [];
    const unfixed: UnfixedFinding[] = [];
    for (const { control, resource } of entries) {
      let fixedAll = true;
      for (const violation of resource.violations) {
        const found = violationChanges(object, control, violation, options);
        if (Array.isArray(found)) changes.push(...found);
        else {
          unfixed.push(found);
          fixedAll = false;
        }
      }
      if (fixedAll) controls.push(control);
    }
    const patch = patchFor(object.object, changes);
    // A fix must never make the object one the API server refuses (a value of the wrong type).
    const problem = shapeProblem(applyPatch(object.object, patch) as Record<string, unknown>);
    if (problem !== undefined) {
      const reason = `the fixes would give ${problem.path} a value of the wrong type (${problem.message}): check fixValues`;
      const finding = { control: controls.join(","), message: "the fixes of its findings", reason };
      return { object, controls: [], patch: [], unfixed: [...unfixed, finding] };
    }
    return { object, controls, patch, unfixed };
  });
}
