// What every part of the collector reads from: the node's file system, its file facts (with the
// record of what is missing), and its processes.
import type { FileFacts } from "./file-facts.js";
import type { HostFs } from "./host-fs.js";
import type { NodeProcess } from "./processes.js";

export interface NodeView {
  readonly host: HostFs;
  readonly files: FileFacts;
  readonly processes: readonly NodeProcess[];
}

/** The collector's path of a process's own root (/proc/<pid>/root): its view of the files it names. */
export function processRoot(view: NodeView, process: NodeProcess): string {
  return `${view.host.root.replace(/\/$/, "")}/proc/${process.pid}/root`;
}
