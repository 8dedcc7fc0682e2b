// What a scan needs from a cluster: the kinds each selected control evaluates or looks up, which
// of them can be filtered by namespace on the server, and the controls to skip when a kind could
// not be read (never a pass on missing data).
import { type ApiResource, apiResourceOf, kindNames, SCAN_ONLY_KINDS } from "../../dsl/index.js";
import { API_RESOURCES } from "../../dsl/resources.js";
import type { SelectedControl, Selection } from "../selection.js";

/**
 * The kinds each control looks up in other objects (generated/manifest.json `readsKinds`), by
 * control ID; undefined when not known (a project's controls run as TypeScript): then every kind
 * a control may read is taken as looked up.
 */
export type Lookups = ReadonlyMap<string, readonly string[]> | undefined;

/** The kinds a selected control needs: those it evaluates, then those it looks up. */
export function kindsNeeded(selected: SelectedControl, lookups: Lookups): string[] {
  const control = selected.control;
  if (control === undefined) return [];
  const looked = lookups === undefined ? kindNames() : (lookups.get(selected.id) ?? []);
  return [...new Set<string>([...control.kinds, ...looked])];
}

/** The kinds some selected control looks up in other objects. */
function kindsLookedUp(selection: Selection, lookups: Lookups): Set<string> {
  return new Set(
    selection.controls.flatMap((selected) =>
      selected.control === undefined ? [] : lookups === undefined ? kindNames() : (lookups.get(selected.id) ?? []),
    ),
  );
}

export interface NamespaceFilters {
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
}

/** How one kind is listed. */
export interface KindRead {
  readonly kind: string;
  readonly resource: ApiResource;
  /** List only in these namespaces (--include-namespaces, on the server); undefined: everywhere. */
  readonly namespaces?: readonly string[];
  /** A field selector leaving out --exclude-namespaces on the server. */
  readonly fieldSelector?: string;
}

export interface ReadPlan {
  readonly reads: readonly KindRead[];
  /** Kinds a control needs that Rampart cannot list (no known API resource), with the reason. */
  readonly unlistable: ReadonlyMap<string, string>;
}

/**
 * The kinds to list for `controls`, in the order of the resource table. A kind that some control
 * looks up is listed in every namespace, as a scan of files keeps the objects of other namespaces
 * visible to lookups; the namespace filters then apply to what is reported, as for files.
 */
export function readPlan(selection: Selection, lookups: Lookups, filters: NamespaceFilters = {}): ReadPlan {
  const needed = new Set(selection.controls.flatMap((selected) => kindsNeeded(selected, lookups)));
  const lookedUp = kindsLookedUp(selection, lookups);
  const unlistable = new Map<string, string>();
  const reads: KindRead[] = [];
  for (const kind of needed) {
    // A kind no API server serves (a cloud provider's cluster description) comes with files only.
    if (SCAN_ONLY_KINDS.has(kind)) continue;
    const resource = apiResourceOf(kind);
    if (resource === undefined) {
      unlistable.set(kind, `Rampart knows no API resource for the kind ${kind} (dsl/resources.ts)`);
      continue;
    }
    if (!resource.namespaced || lookedUp.has(kind)) {
      reads.push({ kind, resource });
      continue;
    }
    const exclude = filters.exclude ?? [];
    reads.push({
      kind,
      resource,
      ...(filters.include === undefined ? {} : { namespaces: filters.include.filter((ns) => !exclude.includes(ns)) }),
      ...(exclude.length === 0 || filters.include !== undefined
        ? {}
        : { fieldSelector: exclude.map((namespace) => `metadata.namespace!=${namespace}`).join(",") }),
    });
  }
  const order = new Map(API_RESOURCES.map((entry, index) => [entry.kind, index]));
  reads.sort((a, b) => (order.get(a.kind) ?? 0) - (order.get(b.kind) ?? 0));
  return { reads, unlistable };
}

/**
 * The selection with every control that needs an unreadable kind skipped, the reason naming the
 * kind and why it could not be read.
 */
export function skipUnreadable(
  selection: Selection,
  unreadable: ReadonlyMap<string, string>,
  lookups: Lookups,
): Selection {
  if (unreadable.size === 0) return selection;
  return {
    frameworks: selection.frameworks,
    controls: selection.controls.map((selected) => {
      const missing = kindsNeeded(selected, lookups).filter((kind) => unreadable.has(kind));
      if (missing.length === 0) return selected;
      const reasons = missing.map((kind) => `${kind}: ${unreadable.get(kind)}`).join("; ");
      return { ...selected, control: undefined, skipReason: `could not read what the control needs (${reasons})` };
    }),
  };
}
