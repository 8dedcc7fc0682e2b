// File facts of the node (path, permission bits, owner ids and names, and for some files the
// content), and the record of what could not be gathered: each file looked for and absent is
// "missing", each one present but not readable by the collector is "unreadable" with the reason.
import type { Accounts } from "./accounts.js";
import type { FileInfo } from "./facts.js";
import type { HostFs, Lookup } from "./host-fs.js";

/** The largest content read (a kubelet config or an audit policy is a few KB). */
export const CONTENT_LIMIT = 1024 * 1024;
/** The most entries listed under one folder (the PKI or CNI folder), depth included. */
const MAX_ENTRIES = 2000;
/** The deepest folder level listed (Kubescape's host scanner stops at 10 too). */
const MAX_DEPTH = 10;

/** What the collector could not gather, by node path. */
export class Gaps {
  readonly missing = new Set<string>();
  readonly unreadable = new Map<string, string>();

  note(nodePath: string, lookup: Lookup<unknown>): void {
    if (lookup.state === "missing") this.missing.add(nodePath);
    else if (lookup.state === "unreadable") this.unreadable.set(nodePath, lookup.reason);
  }
}

export interface ContentRule {
  /** Turns the file's bytes into what may leave the node (secrets removed), or says why nothing may. */
  readonly transform?: (content: Buffer) => Lookup<Buffer>;
}

export class FileFacts {
  constructor(
    readonly host: HostFs,
    private readonly accounts: Accounts,
    readonly gaps: Gaps,
  ) {}

  /**
   * The facts of one node path; undefined (and noted in the gaps) when it is missing or
   * unreadable. `within` is another root to look in first: /proc/<pid>/root for a file a process
   * in a container names (its own view of the file system), the node's root after it.
   */
  file(nodePath: string, options: { content?: ContentRule; within?: string } = {}): FileInfo | undefined {
    const inProcess = options.within === undefined ? undefined : this.host.stat(nodePath, options.within);
    const found = inProcess?.state === "found" ? inProcess : this.host.stat(nodePath);
    if (found.state !== "found") {
      // Not on the node either: when the process's own view could not be read, that is the reason.
      this.gaps.note(
        nodePath,
        found.state === "missing" && inProcess?.state === "unreadable"
          ? { state: "unreadable", reason: `${inProcess.reason} (in ${options.within}), and not on the node` }
          : found,
      );
      return undefined;
    }
    const { file, stats } = found.value;
    const info: FileInfo = {
      ownership: {
        uid: stats.uid,
        gid: stats.gid,
        username: this.accounts.userName(stats.uid),
        groupname: this.accounts.groupName(stats.gid),
      },
      path: nodePath,
      permissions: stats.mode & 0o777,
    };
    if (options.content === undefined) return info;
    if (!stats.isFile()) {
      this.gaps.note(nodePath, { state: "unreadable", reason: "not a regular file: no content" });
      return info;
    }
    let content = this.host.read(file, CONTENT_LIMIT);
    if (content.state === "found" && options.content.transform !== undefined)
      content = options.content.transform(content.value);
    if (content.state !== "found") {
      // The file's permissions and owner are facts still; only its content is left out.
      this.gaps.note(nodePath, content.state === "missing" ? { state: "unreadable", reason: "vanished" } : content);
      return info;
    }
    return { ...info, content: content.value.toString("base64") };
  }

  /** The first of `candidates` that exists; when none does, the first is noted missing. */
  firstOf(candidates: readonly string[], options: { content?: ContentRule } = {}): FileInfo | undefined {
    for (const candidate of candidates) {
      const found = this.host.stat(candidate);
      if (found.state === "found" || found.state === "unreadable") return this.file(candidate, options);
    }
    const [first] = candidates;
    if (first !== undefined) this.gaps.missing.add(first);
    return undefined;
  }

  /**
   * Every file and folder under a node folder (not the folder itself), folders before what they
   * hold, names sorted; undefined when the folder is missing or unreadable.
   */
  tree(folder: string): FileInfo[] | undefined {
    const top = this.host.stat(folder);
    if (top.state !== "found" || !top.value.stats.isDirectory()) {
      this.gaps.note(folder, top.state === "found" ? { state: "unreadable", reason: "not a folder" } : top);
      return undefined;
    }
    const entries: FileInfo[] = [];
    const walk = (nodeFolder: string, depth: number): void => {
      const resolved = this.host.resolve(nodeFolder);
      const names = resolved.state === "found" ? this.host.list(resolved.value) : resolved;
      if (names.state !== "found") {
        this.gaps.note(nodeFolder, names);
        return;
      }
      for (const name of names.value) {
        if (entries.length >= MAX_ENTRIES) {
          this.gaps.unreadable.set(folder, `more than ${MAX_ENTRIES} entries: the rest are not listed`);
          return;
        }
        const child = nodeFolder === "/" ? `/${name}` : `${nodeFolder}/${name}`;
        const info = this.file(child);
        if (info === undefined) continue;
        entries.push(info);
        const stats = this.host.stat(child);
        if (stats.state === "found" && stats.value.stats.isDirectory()) {
          if (depth + 1 >= MAX_DEPTH) this.gaps.unreadable.set(child, `deeper than ${MAX_DEPTH} levels: not listed`);
          else walk(child, depth + 1);
        }
      }
    };
    walk(folder, 0);
    return entries;
  }
}
