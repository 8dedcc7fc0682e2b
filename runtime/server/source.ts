// Where a scheduled scan reads the objects it scans. A source is described by plain data (it
// crosses into the scan worker) and read afresh for every scan:
//
// - `paths`: files, folders or globs of manifests or cluster dumps (`kubectl get … -o yaml`,
//   `rampart dump`), re-read at each scan, so a dump refreshed by a CronJob is scanned as it is then;
// - `cluster`: the cluster of a kubeconfig (or the pod's service account when in a cluster).
import { type LoadResult, loadInputs } from "../input/load.js";
import type { Selection } from "../selection.js";

export type SourceSpec =
  | { readonly kind: "paths"; readonly paths: readonly string[] }
  | { readonly kind: "cluster"; readonly kubeconfig?: string; readonly context?: string };

export interface SourceInput {
  readonly loaded: LoadResult;
  /** The selection with the controls the source cannot feed skipped (kinds it could not read). */
  readonly selection: Selection;
  /** What was scanned, as the report's scanTargets names it. */
  readonly targets: readonly string[];
  /** The cluster's name as the source knows it (a kubeconfig, a dump). */
  readonly clusterName: string | undefined;
}

export interface ScanSource {
  /** For logs: `manifests/, dumps/cluster.json` or `the cluster of ~/.kube/config`. */
  readonly description: string;
  read(selection: Selection): Promise<SourceInput>;
}

export class SourceError extends Error {
  override name = "SourceError";
}

export function scanSource(spec: SourceSpec): ScanSource {
  switch (spec.kind) {
    case "paths":
      return pathSource(spec.paths);
    case "cluster":
      return clusterSource(spec);
  }
}

function pathSource(paths: readonly string[]): ScanSource {
  return {
    description: paths.join(", "),
    read: async (selection) => ({ loaded: loadInputs(paths), selection, targets: paths, clusterName: undefined }),
  };
}

/**
 * A live cluster. Reading one (listing the kinds the selected controls need, paginated, skipping
 * the controls whose kinds are refused) is `rampart scan`'s cluster input; until this build has it,
 * a cluster source is refused when serve starts.
 */
function clusterSource(spec: { readonly kubeconfig?: string; readonly context?: string }): ScanSource {
  const named = spec.kubeconfig === undefined ? "the current kubeconfig" : spec.kubeconfig;
  return {
    description: `the cluster of ${named}${spec.context === undefined ? "" : ` (context ${spec.context})`}`,
    read: async () => {
      throw new SourceError(
        "this build of Rampart cannot read a live cluster: give rampart serve the manifests or dumps to scan as paths",
      );
    },
  };
}

/** Whether this build can read the source at all (checked when serve starts). */
export function sourceSupported(spec: SourceSpec): string | undefined {
  return spec.kind === "cluster"
    ? "this build of Rampart cannot read a live cluster: give rampart serve the manifests or dumps to scan as paths"
    : undefined;
}
