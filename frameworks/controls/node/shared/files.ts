// Files as node facts record them (dsl HostFile): their permission bits and owner, judged as the
// CIS Kubernetes Benchmark asks. A file the facts leave out was not found on the node: there is
// nothing to judge. A file found whose mode or owner the scanner could not read fails: data the
// facts lack never passes.
import { type HostFile, modeWithin, octalMode, type Violation, violation } from "../../../../dsl/index.js";

/** The file's path as the facts give it, for messages. */
function nameOf(file: HostFile): string {
  return file.path ?? "a file of unknown path";
}

/** `file` (found at `path` in the facts) grants no permission beyond `maximum` (`0o600`). */
export function permissionsAtMost(file: HostFile | undefined, path: string, maximum: number): readonly Violation[] {
  if (file === undefined) return [];
  const name = nameOf(file);
  const mode = file.permissions;
  if (mode === undefined)
    return [violation(`the permissions of ${name} were not recorded`, { paths: [`${path}.permissions`] })];
  if (modeWithin(mode, maximum)) return [];
  return [
    violation(
      `${name} has permissions ${octalMode(mode)} > ${octalMode(maximum)}: run chmod ${octalMode(maximum)} ${name} (or stricter)`,
      { paths: [`${path}.permissions`] },
    ),
  ];
}

/** permissionsAtMost for each file of a list. */
export function allPermissionsAtMost(files: readonly HostFile[] | undefined, path: string, maximum: number) {
  return (files ?? []).flatMap((file, index) => permissionsAtMost(file, `${path}[${index}]`, maximum));
}

/** A user or group as the facts name it: by name, else by number. */
function ownerName(name: string | undefined, id: number | undefined): string {
  if (name !== undefined && name !== "") return name;
  return id === undefined ? "unknown" : `${id}`;
}

/**
 * The side of an owner (user or group) is `wanted`: by name; root also by number 0 where the
 * scanner resolved no name (a scanner in a container may not read the host's /etc/passwd).
 */
function ownerIs(name: string | undefined, id: number | undefined, wanted: string): boolean {
  return name === wanted || (wanted === "root" && (name === undefined || name === "") && id === 0);
}

/** The violation of a file whose owner the facts do not hold ([] when they do). */
export function ownerUnread(file: HostFile, path: string): readonly Violation[] {
  const owner = file.ownership;
  if (owner !== undefined && owner.err === undefined && (owner.uid !== undefined || owner.username !== undefined))
    return [];
  return [
    violation(`the owner of ${nameOf(file)} could not be read${owner?.err !== undefined ? `: ${owner.err}` : ""}`, {
      paths: [`${path}.ownership`],
    }),
  ];
}

/** Whether the file is owned by `user`:`group`. */
export function isOwnedBy(file: HostFile, user: string, group: string): boolean {
  const owner = file.ownership;
  return ownerIs(owner?.username, owner?.uid, user) && ownerIs(owner?.groupname, owner?.gid, group);
}

/** The violation of a file not owned as `wanted` says (`root:root`), with the command that fixes it. */
export function ownerViolation(file: HostFile, path: string, wanted: string): Violation {
  const owner = file.ownership;
  const name = nameOf(file);
  return violation(
    `${name} is owned by ${ownerName(owner?.username, owner?.uid)}:${ownerName(owner?.groupname, owner?.gid)}, not ${wanted}: run chown ${wanted} ${name}`,
    { paths: [`${path}.ownership`] },
  );
}

/** `file` (found at `path` in the facts) is owned by `user`:`group` (`root`:`root`). */
export function ownedBy(file: HostFile | undefined, path: string, user: string, group: string): readonly Violation[] {
  if (file === undefined) return [];
  const unread = ownerUnread(file, path);
  if (unread.length > 0) return unread;
  return isOwnedBy(file, user, group) ? [] : [ownerViolation(file, path, `${user}:${group}`)];
}

/** ownedBy for each file of a list. */
export function allOwnedBy(files: readonly HostFile[] | undefined, path: string, user: string, group: string) {
  return (files ?? []).flatMap((file, index) => ownedBy(file, `${path}[${index}]`, user, group));
}
