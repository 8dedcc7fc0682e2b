// A scan's input from a live cluster, and the dump that holds the same for later: what the
// selected controls read, listed from the API server, and the kinds that could not be read, whose
// controls are skipped. A dump (`rampart dump`) is a List that records both in annotations, so
// that scanning it skips the same controls for the same reasons as the live scan did.
import { SCAN_ONLY_KINDS } from "../../dsl/index.js";
import type { DumpInfo, LoadResult } from "../input/load.js";
import { DUMP_ANNOTATIONS } from "../input/load.js";
import type { Selection } from "../selection.js";
import { type ClusterConnection, type ClusterOptions, connect } from "./connection.js";
import { kindsNeeded, type Lookups, type NamespaceFilters, readPlan, skipUnreadable } from "./kinds.js";
import { type ClusterRead, loadedFromCluster, type ReadProgress, readCluster } from "./read.js";

export interface LiveInput {
  readonly connection: ClusterConnection;
  readonly read: ClusterRead;
  readonly loaded: LoadResult;
  /** The selection with the controls that need an unreadable kind skipped. */
  readonly selection: Selection;
}

/** Reads what `selection` needs from the cluster of `options`. */
export async function readLiveInput(
  options: ClusterOptions & NamespaceFilters,
  selection: Selection,
  lookups: Lookups,
  onProgress?: (progress: ReadProgress) => void,
): Promise<LiveInput> {
  const connection = await connect(options);
  const read = await readCluster(connection, readPlan(selection, lookups, options), onProgress);
  return {
    connection,
    read,
    loaded: { objects: loadedFromCluster(read.objects), skipped: [], dumps: [] },
    selection: skipUnreadable(selection, read.unreadable, lookups),
  };
}

/** What `rampart dump` writes: a List of the objects read, with what was and was not read. */
export function dumpDocument(read: ClusterRead, connection: ClusterConnection): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "List",
    metadata: {
      annotations: {
        [DUMP_ANNOTATIONS.clusterName]: connection.clusterName,
        [DUMP_ANNOTATIONS.kindsRead]: read.kindsRead.join(","),
        [DUMP_ANNOTATIONS.unreadable]: JSON.stringify(Object.fromEntries(read.unreadable)),
      },
    },
    items: read.objects,
  };
}

/**
 * The kinds the dumps among a scan's inputs could not give: those their cluster refused, and
 * those a selected control needs that the dump did not read (made for fewer controls, or by an
 * older Rampart). Without dumps, none.
 */
export function dumpGaps(dumps: readonly DumpInfo[], selection: Selection, lookups: Lookups): Map<string, string> {
  const gaps = new Map<string, string>();
  const needed = new Set(selection.controls.flatMap((selected) => kindsNeeded(selected, lookups)));
  for (const dump of dumps) {
    // As the live scan says it: the dump keeps the cluster's words.
    for (const [kind, reason] of dump.unreadable) gaps.set(kind, reason);
    for (const kind of needed) {
      // A kind no API server serves is never dumped: its objects come in files of their own.
      if (SCAN_ONLY_KINDS.has(kind)) continue;
      if (!dump.kindsRead.includes(kind) && !gaps.has(kind)) gaps.set(kind, `${dump.file} was dumped without it`);
    }
  }
  return gaps;
}
