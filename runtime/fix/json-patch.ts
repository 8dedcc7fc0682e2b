// Fixes as RFC 6902 JSON patches against the object as scanned: `replace` where the field exists,
// `add` of the missing part (a nested object when several levels are missing) where it does not,
// `remove` where a fix deletes a field. The same patch is applied here (to check what a fix does,
// and to edit files) and printed for `kubectl patch --type=json`.
import { type PathSegment, parsePath } from "../input/positions.js";

export type PatchOperation =
  | { readonly op: "add" | "replace"; readonly path: string; readonly value: unknown }
  | { readonly op: "remove"; readonly path: string };

/** A change to one field: set it to a typed value, or delete it. */
export type FieldChange =
  | { readonly kind: "set"; readonly path: string; readonly value: unknown }
  | { readonly kind: "remove"; readonly path: string };

/** `spec.containers[0].securityContext` → `/spec/containers/0/securityContext` (RFC 6901 escapes). */
export function pointer(segments: readonly PathSegment[]): string {
  return segments.map((segment) => `/${segment.key.replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at `key` of a mapping or a sequence (a decimal key), if there is one. */
function child(value: unknown, key: string): { found: boolean; value: unknown } {
  if (Array.isArray(value)) {
    if (!/^\d+$/.test(key)) return { found: false, value: undefined };
    const index = Number(key);
    return index < value.length ? { found: true, value: value[index] } : { found: false, value: undefined };
  }
  if (isRecord(value) && Object.hasOwn(value, key) && value[key] !== null) return { found: true, value: value[key] };
  return { found: false, value: undefined };
}

/** The nested object that holds `value` at `segments` below it: `{a: {b: value}}`. */
function nested(segments: readonly PathSegment[], value: unknown): unknown {
  return segments.reduceRight<unknown>((inner, segment) => ({ [segment.key]: inner }), value);
}

/**
 * The operation that makes `change` true of `object`; undefined when nothing needs doing (a field
 * to remove that is not there, a field that already has the value) or when the path cannot be written (it runs through a scalar or
 * past the end of a list).
 */
export function operationFor(object: unknown, change: FieldChange): PatchOperation | undefined {
  const segments = parsePath(change.path);
  let current: unknown = object;
  for (const [depth, segment] of segments.entries()) {
    const next = child(current, segment.key);
    if (next.found) {
      current = next.value;
      continue;
    }
    if (change.kind === "remove") return undefined;
    // A missing key (or an explicit null, which the API server reads as missing) of a mapping.
    if (!isRecord(current)) return undefined;
    const path = pointer(segments.slice(0, depth + 1));
    const value = nested(segments.slice(depth + 1), change.value);
    return { op: Object.hasOwn(current, segment.key) ? "replace" : "add", path, value };
  }
  if (change.kind === "remove") return { op: "remove", path: pointer(segments) };
  // Already so (another fix of the same object set it): nothing to do.
  if (JSON.stringify(current) === JSON.stringify(change.value)) return undefined;
  return { op: "replace", path: pointer(segments), value: change.value };
}

/** Numbers compared as numbers, so that `add[10]` sorts after `add[9]`. */
function comparePaths(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/**
 * The patch of several changes, each computed against the object as the earlier ones left it.
 * Changes name fields as scanned, so removals go last and from the highest list index down: an
 * entry removed never shifts one still to be changed.
 */
export function patchFor(object: unknown, changes: readonly FieldChange[]): PatchOperation[] {
  const ordered = [
    ...changes.filter((change) => change.kind === "set"),
    ...changes.filter((change) => change.kind === "remove").sort((a, b) => comparePaths(b.path, a.path)),
  ];
  const operations: PatchOperation[] = [];
  let current = object;
  for (const [position, change] of ordered.entries()) {
    const operation = operationFor(current, change);
    if (operation === undefined) continue;
    operations.push(operation);
    // Only a change still to come reads the object as this one leaves it (a copy of it).
    if (position < ordered.length - 1) current = applyPatch(current, [operation]);
  }
  return operations;
}

/** `/spec/containers/0` → `["spec", "containers", "0"]` (RFC 6901 escapes undone). */
export function pointerTokens(path: string): string[] {
  return path
    .split("/")
    .slice(1)
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** A patch operation that does not fit the document (a missing parent, an index out of range). */
export class PatchError extends Error {}

/**
 * Applies `add`, `replace` and `remove` (RFC 6902): a new document that shares with `document`
 * every part the operations do not touch, so neither is to be changed in place. Copying only the
 * path an operation walks keeps a report of 10,000 objects (a patch per violation, each checked
 * against the object as the earlier fixes leave it) from copying whole objects at every step.
 */
export function applyPatch(document: unknown, operations: readonly PatchOperation[]): unknown {
  let result = document;
  for (const operation of operations) result = applied(result, operation, pointerTokens(operation.path));
  return result;
}

/** `node` with `operation` applied at `tokens` below it (a copy of each container on the way). */
function applied(node: unknown, operation: PatchOperation, tokens: readonly string[]): unknown {
  const [token, ...rest] = tokens;
  if (token === undefined) {
    if (operation.op === "remove") throw new PatchError("cannot remove the whole object");
    return structuredClone(operation.value);
  }
  if (rest.length > 0) {
    const next = child(node, token);
    if (!next.found) throw new PatchError(`${operation.op} ${operation.path}: ${token} does not exist`);
    const value = applied(next.value, operation, rest);
    if (Array.isArray(node)) return node.map((entry, index) => (index === Number(token) ? value : entry));
    return { ...(node as Record<string, unknown>), [token]: value };
  }
  if (Array.isArray(node)) {
    const index = token === "-" ? node.length : Number(token);
    if (!Number.isInteger(index) || index < 0 || index > node.length)
      throw new PatchError(`${operation.op} ${operation.path}: no index ${token}`);
    const copy = [...node];
    if (operation.op === "remove") copy.splice(index, 1);
    else if (operation.op === "add") copy.splice(index, 0, structuredClone(operation.value));
    else copy[index] = structuredClone(operation.value);
    return copy;
  }
  if (isRecord(node)) {
    const copy = { ...node };
    if (operation.op === "remove") delete copy[token];
    else copy[token] = structuredClone(operation.value);
    return copy;
  }
  throw new PatchError(`${operation.op} ${operation.path}: the parent is not an object or a list`);
}
