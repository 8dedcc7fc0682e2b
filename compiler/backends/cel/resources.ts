// The REST coordinates of each kind a control can read that is a Kubernetes API kind, for a
// policy's matchConstraints (ClusterDescribe, a cloud provider's description, is not one).
import { apiResourceOf, type KindName, kindNames, SCAN_ONLY_KINDS as SCAN_ONLY } from "../../../dsl/index.js";

export interface Resource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

/** The kinds controls read that never reach the API server: they only come with a scan's input. */
export const SCAN_ONLY_KINDS = SCAN_ONLY as ReadonlySet<KindName>;

export type ApiKindName = Exclude<KindName, "ClusterDescribe">;

function resourceOf(kind: KindName): Resource {
  const entry = apiResourceOf(kind);
  if (entry === undefined) throw new Error(`no API resource for kind ${kind} in dsl/resources.ts`);
  return { group: entry.group, version: entry.version, resource: entry.resource };
}

export const KIND_RESOURCES: Readonly<Record<ApiKindName, Resource>> = Object.fromEntries(
  kindNames()
    .filter((kind) => !SCAN_ONLY_KINDS.has(kind))
    .map((kind) => [kind, resourceOf(kind)]),
) as Record<ApiKindName, Resource>;

/** Whether a kind is a Kubernetes API kind (admission and Gatekeeper can match it). */
export function isApiKind(kind: KindName): kind is ApiKindName {
  return !SCAN_ONLY_KINDS.has(kind);
}
