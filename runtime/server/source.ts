// Where a scheduled scan reads the objects it scans: what `rampart scan` reads (scan-input.ts),
// described by plain data (it crosses into the scan worker) and read afresh at every scan:
//
// - `paths`: files, folders or globs of manifests or cluster dumps (`rampart dump`, `kubectl get
//   … -o yaml`), re-read at each scan, so a dump refreshed by a CronJob is scanned as it is then;
//   the kinds a dump could not read skip the controls that need them, as `rampart scan` does;
// - `cluster`: the cluster of a kubeconfig, or the pod's service account in a cluster (only the
//   kinds the selected controls read, paginated, the scan scope's namespaces filtered on the server
//   where the controls' lookups allow; kinds the identity may not list skip their controls).

import type { CliIo } from "../cli/io.js";
import { scanInput } from "../cli/scan-input.js";
import type { Lookups } from "../cluster/kinds.js";
import type { LoadResult } from "../input/load.js";
import type { Selection } from "../selection.js";

export type SourceSpec =
  | { readonly kind: "paths"; readonly paths: readonly string[] }
  | {
      readonly kind: "cluster";
      readonly kubeconfig?: string;
      readonly context?: string;
      readonly requestTimeout?: number;
    };

export interface SourceInput {
  readonly loaded: LoadResult;
  /** The selection with the controls the source cannot feed skipped (kinds it could not read). */
  readonly selection: Selection;
  /** What was scanned, as the report's scanTargets names it. */
  readonly targets: readonly string[];
  /** The cluster's name as the source knows it (a kubeconfig, a dump). */
  readonly clusterName: string | undefined;
}

export interface SourceScope {
  readonly includeNamespaces: readonly string[] | undefined;
  readonly excludeNamespaces: readonly string[] | undefined;
}

/** For logs: `manifests/, dumps/cluster.json` or `the cluster of ~/.kube/config (context prod)`. */
export function describeSource(spec: SourceSpec): string {
  if (spec.kind === "paths") return spec.paths.join(", ");
  const config = spec.kubeconfig ?? "the current kubeconfig (or the pod's service account)";
  return `the cluster of ${config}${spec.context === undefined ? "" : ` (context ${spec.context})`}`;
}

/** Reads what the selection needs from the source; `io` gets the warnings `rampart scan` prints. */
export function readSource(
  spec: SourceSpec,
  scope: SourceScope,
  selection: Selection,
  lookups: Lookups,
  io: CliIo,
): Promise<SourceInput> {
  const filters = {
    ...(scope.includeNamespaces === undefined ? {} : { includeNamespaces: scope.includeNamespaces }),
    ...(scope.excludeNamespaces === undefined ? {} : { excludeNamespaces: scope.excludeNamespaces }),
  };
  switch (spec.kind) {
    case "paths":
      return scanInput(io, spec.paths, filters, selection, lookups);
    case "cluster":
      return scanInput(
        { ...io, stdinPiped: false },
        [],
        {
          ...filters,
          ...(spec.kubeconfig === undefined ? {} : { kubeconfig: spec.kubeconfig }),
          ...(spec.context === undefined ? {} : { context: spec.context }),
          ...(spec.requestTimeout === undefined ? {} : { requestTimeout: spec.requestTimeout }),
        },
        selection,
        lookups,
      );
  }
}
