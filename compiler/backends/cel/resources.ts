// The REST coordinates of each kind a control can read, for a policy's matchConstraints.
import { apiResourceOf, type KindName, kindNames } from "../../../dsl/index.js";

export interface Resource {
  readonly group: string;
  readonly version: string;
  readonly resource: string;
}

function resourceOf(kind: KindName): Resource {
  const entry = apiResourceOf(kind);
  if (entry === undefined) throw new Error(`no API resource for kind ${kind} in dsl/resources.ts`);
  return { group: entry.group, version: entry.version, resource: entry.resource };
}

export const KIND_RESOURCES: Readonly<Record<KindName, Resource>> = Object.fromEntries(
  kindNames().map((kind) => [kind, resourceOf(kind)]),
) as Record<KindName, Resource>;
