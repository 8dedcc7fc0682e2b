// The node's file system as the collector sees it under --host-root. A path of the node
// (/etc/kubernetes/admin.conf) is resolved inside the root as the node itself would resolve it:
// an absolute symbolic link (/etc/kubernetes -> /data/k8s) points into the root, never into the
// collector's own file system (which, in a pod, is the container's). Nothing here throws for
// what the node holds: every answer is found, missing or unreadable (with the reason).
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, type Stats } from "node:fs";
import path from "node:path";

/** The most symbolic links followed for one path (Linux's limit). */
const MAX_LINKS = 40;

export type Lookup<T> =
  | { readonly state: "found"; readonly value: T }
  | { readonly state: "missing" }
  | { readonly state: "unreadable"; readonly reason: string };

export const missing = { state: "missing" } as const;

export function unreadable(reason: string): { readonly state: "unreadable"; readonly reason: string } {
  return { state: "unreadable", reason };
}

/** What a failed file system call means: missing (no such file) or unreadable (with why). */
export function failure(error: unknown): Lookup<never> {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR") return missing;
  if (code === "EACCES" || code === "EPERM") return unreadable("permission denied");
  return unreadable(code ?? (error as Error).message);
}

export class HostFs {
  /** @param root the folder the node's `/` is at (`/` on the node itself, `/host` in the DaemonSet). */
  constructor(readonly root: string) {}

  /** The collector's path of a node path, symbolic links resolved inside `base` (the root by default). */
  resolve(nodePath: string, base: string = this.root): Lookup<string> {
    const pending = components(nodePath);
    const done: string[] = [];
    let links = 0;
    while (pending.length > 0) {
      const part = pending.shift() as string;
      if (part === "..") {
        done.pop();
        continue;
      }
      const candidate = path.join(base, ...done, part);
      let stats: Stats;
      try {
        stats = lstatSync(candidate);
      } catch (error) {
        return failure(error);
      }
      if (!stats.isSymbolicLink()) {
        done.push(part);
        continue;
      }
      links += 1;
      if (links > MAX_LINKS) return unreadable("too many levels of symbolic links");
      let target: string;
      try {
        target = readlinkSync(candidate);
      } catch (error) {
        return failure(error);
      }
      if (path.isAbsolute(target)) done.length = 0;
      pending.unshift(...components(target));
    }
    return { state: "found", value: path.join(base, ...done) };
  }

  /** The stats of a node path (links followed inside the root). */
  stat(nodePath: string, base?: string): Lookup<{ readonly file: string; readonly stats: Stats }> {
    const resolved = this.resolve(nodePath, base);
    if (resolved.state !== "found") return resolved;
    try {
      return { state: "found", value: { file: resolved.value, stats: lstatSync(resolved.value) } };
    } catch (error) {
      return failure(error);
    }
  }

  /** At most `limit` bytes of a file; a larger file is unreadable (with its size), never cut. */
  read(file: string, limit: number): Lookup<Buffer> {
    let descriptor: number;
    try {
      descriptor = openSync(file, "r");
    } catch (error) {
      return failure(error);
    }
    try {
      const size = fstatSync(descriptor).size;
      if (size > limit) return unreadable(`larger than ${limit} bytes (${size})`);
      const buffer = Buffer.alloc(limit + 1);
      let length = 0;
      for (;;) {
        const count = readSync(descriptor, buffer, length, buffer.length - length, null);
        if (count === 0) break;
        length += count;
        if (length > limit) return unreadable(`larger than ${limit} bytes`);
      }
      return { state: "found", value: buffer.subarray(0, length) };
    } catch (error) {
      return failure(error);
    } finally {
      closeSync(descriptor);
    }
  }

  /** The names in a folder of the collector's view, sorted. */
  list(folder: string): Lookup<string[]> {
    try {
      return { state: "found", value: readdirSync(folder).sort() };
    } catch (error) {
      return failure(error);
    }
  }

  /** A small text file of the node (/etc/passwd, /proc/1/cmdline); undefined when absent or unreadable. */
  text(nodePath: string, limit = 4 * 1024 * 1024): string | undefined {
    const resolved = this.resolve(nodePath);
    if (resolved.state !== "found") return undefined;
    const content = this.read(resolved.value, limit);
    return content.state === "found" ? content.value.toString("utf8") : undefined;
  }
}

function components(nodePath: string): string[] {
  return nodePath.split("/").filter((part) => part !== "" && part !== ".");
}
