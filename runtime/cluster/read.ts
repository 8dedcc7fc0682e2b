// Lists what a read plan names from the API server, page by page. A kind the identity may not
// list is noted with the API's message (the controls that need it are then skipped); a kind the
// cluster does not serve (a CRD that is not installed) has no objects; any other failure stops
// the read, so that no report is made from part of the cluster as if it were all of it.
import type { KubeObject } from "../engine/engine.js";
import { CLUSTER_SOURCE, type LoadedObject } from "../input/load.js";
import { normalize } from "../input/normalize.js";
import { ApiError, type ClusterConnection, ClusterError, SCAN_FILES_HINT, UnreachableError } from "./connection.js";
import type { KindRead, ReadPlan } from "./kinds.js";

/** Objects per list request. */
export const PAGE_SIZE = 500;

export interface ClusterRead {
  /** Every object read, in plan order, then in the order the API server lists them. */
  readonly objects: readonly KubeObject[];
  /** The kinds listed, also those the cluster does not serve. */
  readonly kindsRead: readonly string[];
  /** Kinds that could not be listed → why (the API server's message). */
  readonly unreadable: ReadonlyMap<string, string>;
  /** Kinds the cluster does not serve (no such resource: their objects cannot exist). */
  readonly notServed: readonly string[];
}

export interface ReadProgress {
  readonly kindsDone: number;
  readonly kinds: number;
  readonly objects: number;
}

function listPath(read: KindRead, namespace: string | undefined): string {
  const { group, version, resource } = read.resource;
  const base = group === "" ? `/api/${version}` : `/apis/${group}/${version}`;
  return namespace === undefined
    ? `${base}/${resource}`
    : `${base}/namespaces/${encodeURIComponent(namespace)}/${resource}`;
}

function where(read: KindRead, namespace: string | undefined): string {
  return `${read.kind} (${read.resource.resource}${read.resource.group === "" ? "" : `.${read.resource.group}`})${namespace === undefined ? "" : ` in namespace ${namespace}`}`;
}

/** A listed item as a scan reads it: with the apiVersion and kind a list leaves out, without managedFields. */
function asObject(item: Record<string, unknown>, read: KindRead): KubeObject {
  const { group, version } = read.resource;
  const { apiVersion: _apiVersion, kind: _kind, metadata, ...rest } = item;
  const { managedFields: _managedFields, ...meta } = (metadata ?? {}) as Record<string, unknown>;
  return normalize({
    apiVersion: group === "" ? version : `${group}/${version}`,
    kind: read.kind,
    metadata: meta,
    ...rest,
  }) as KubeObject;
}

export async function readCluster(
  connection: ClusterConnection,
  plan: ReadPlan,
  onProgress?: (progress: ReadProgress) => void,
): Promise<ClusterRead> {
  const objects: KubeObject[] = [];
  const unreadable = new Map(plan.unlistable);
  const notServed: string[] = [];
  let first = true;
  for (const [index, read] of plan.reads.entries()) {
    const found: KubeObject[] = [];
    let served = true;
    scopes: for (const namespace of read.namespaces ?? [undefined]) {
      let token: string | undefined;
      do {
        const query: Record<string, string> = { limit: String(PAGE_SIZE) };
        if (token !== undefined) query.continue = token;
        if (read.fieldSelector !== undefined) query.fieldSelector = read.fieldSelector;
        let page: { items?: unknown; metadata?: { continue?: unknown } };
        try {
          page = (await connection.getJson(listPath(read, namespace), query)) as typeof page;
        } catch (error) {
          if (error instanceof ApiError && error.status === 403) {
            unreadable.set(read.kind, `cannot list ${where(read, namespace)}: ${error.apiMessage}`);
            break scopes;
          }
          if (error instanceof ApiError && error.status === 404 && token === undefined) {
            served = false;
            break scopes;
          }
          throw readFailure(connection, error, read, namespace, first);
        }
        first = false;
        const items = Array.isArray(page.items) ? page.items : [];
        for (const item of items) found.push(asObject(item as Record<string, unknown>, read));
        const next = page.metadata?.continue;
        token = typeof next === "string" && next !== "" ? next : undefined;
      } while (token !== undefined);
    }
    if (!served) notServed.push(read.kind);
    if (!unreadable.has(read.kind)) objects.push(...found);
    onProgress?.({ kindsDone: index + 1, kinds: plan.reads.length, objects: objects.length });
  }
  return { objects, kindsRead: plan.reads.map((read) => read.kind), unreadable, notServed };
}

function readFailure(
  connection: ClusterConnection,
  error: unknown,
  read: KindRead,
  namespace: string | undefined,
  first: boolean,
): Error {
  const target = `${connection.description}, server ${connection.server}`;
  if (error instanceof UnreachableError) {
    return new ClusterError(
      first
        ? `cannot reach the cluster (${target}): ${error.message}; ${SCAN_FILES_HINT}`
        : `lost the cluster while listing ${where(read, namespace)} (${target}): ${error.message}; no report was made from a partial read`,
    );
  }
  if (error instanceof ApiError && error.status === 401) {
    return new ClusterError(
      `the cluster refused the credentials of ${connection.description} (401 ${error.apiMessage}); ${SCAN_FILES_HINT}`,
    );
  }
  if (error instanceof ApiError) {
    return new ClusterError(
      `reading the cluster failed while listing ${where(read, namespace)} (${target}): ${error.message}; no report was made from a partial read`,
    );
  }
  return error instanceof Error ? error : new Error(String(error));
}

/** The objects read, as the loader gives objects: each names the cluster as its source. */
export function loadedFromCluster(objects: readonly KubeObject[]): LoadedObject[] {
  return objects.map((object, itemIndex) => ({
    object,
    source: { file: CLUSTER_SOURCE, documentIndex: 0, line: 1, itemIndex },
  }));
}
