// User and group names of the node, from its /etc/passwd and /etc/group (under --host-root, not
// the collector's own), so that an owner reads as the node knows it. An id the files do not
// list has the name "" (as Kubescape's host scanner writes it).
import type { HostFs } from "./host-fs.js";

export interface Accounts {
  userName(uid: number): string;
  groupName(gid: number): string;
}

/** `name:password:id:…` lines → id → name (the first name listed for an id wins). */
export function parseIdFile(text: string): ReadonlyMap<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const [name, , id] = line.split(":");
    if (name === undefined || name === "" || id === undefined || !/^\d+$/.test(id)) continue;
    const number = Number(id);
    if (!names.has(number)) names.set(number, name);
  }
  return names;
}

export function readAccounts(host: HostFs): Accounts {
  const users = parseIdFile(host.text("/etc/passwd") ?? "");
  const groups = parseIdFile(host.text("/etc/group") ?? "");
  return {
    userName: (uid) => users.get(uid) ?? "",
    groupName: (gid) => groups.get(gid) ?? "",
  };
}
