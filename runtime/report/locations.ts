// Where each failure is written, for reports that point at lines (SARIF, JUnit): the position of
// every failing path of every failing (or excepted) object, looked up in one pass over the files
// that hold failures (runtime/input/positions.ts), once per scan however many formats ask. A path
// that cannot be placed falls back to the line where the object starts.
import { type FieldRef, locateFields, type TextReader } from "../input/positions.js";
import type { ResourceResult, ScannedObject, ScanResult } from "../scan.js";

export interface FieldLocation {
  readonly file: string;
  readonly line: number;
  /** Absent when only the object's first line is known. */
  readonly column?: number;
}

export interface FailureLocations {
  /** Where `path` of the object is written; the object's first line without a path. */
  at(object: ScannedObject, path: string | undefined): FieldLocation;
}

/** A resource that a report lists: it failed, could not be evaluated, or an exception accepted it. */
export function isReported(resource: ResourceResult): boolean {
  return resource.status !== "passed";
}

function key(object: ScannedObject, path: string): string {
  return `${object.index}\u0000${path}`;
}

/** Scans whose failures were located by reading their files (the default reader). */
const located = new WeakMap<ScanResult, FailureLocations>();

/**
 * The failure locations of a scan. Files are read once per scan: the answer is kept with the
 * scan, unless `read` is given (a reader of the caller's own, which then sees every read).
 */
export function failureLocations(result: ScanResult, read?: TextReader): FailureLocations {
  if (read !== undefined) return locate(result, read);
  let locations = located.get(result);
  if (locations === undefined) {
    locations = locate(result);
    located.set(result, locations);
  }
  return locations;
}

function locate(result: ScanResult, read?: TextReader): FailureLocations {
  const refs: FieldRef[] = [];
  const objects: ScannedObject[] = [];
  const seen = new Set<string>();
  for (const control of result.controls) {
    for (const resource of control.resources) {
      if (!isReported(resource)) continue;
      const { source } = resource.object;
      for (const violation of resource.violations) {
        for (const path of violation.paths) {
          const id = key(resource.object, path);
          if (seen.has(id)) continue;
          seen.add(id);
          objects.push(resource.object);
          refs.push({ file: source.file, documentIndex: source.documentIndex, itemIndex: source.itemIndex, path });
        }
      }
    }
  }
  const found = locateFields(refs, read);
  const positions = new Map<string, FieldLocation>();
  for (const [index, position] of found.entries()) {
    const ref = refs[index] as FieldRef;
    if (position !== undefined) {
      positions.set(key(objects[index] as ScannedObject, ref.path), { file: ref.file, ...position });
    }
  }
  return {
    at(object, path) {
      const found = path === undefined ? undefined : positions.get(key(object, path));
      return found ?? { file: object.source.file, line: object.source.line };
    },
  };
}

/** The first path of the first violation: what a one-line report points at. */
export function firstPath(resource: ResourceResult): string | undefined {
  return resource.violations.find((violation) => violation.paths.length > 0)?.paths[0];
}
