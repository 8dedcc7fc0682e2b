// The target of `rampart scan workload`, read as kubectl reads `kubectl get <kind>[/<name>]`:
// the kind in any case, as its kind, plural resource or short name (`deployment`, `deployments`,
// `deploy`), optionally with a group (`deployments.apps`); `-n` picks a namespace and
// `-A`/`--all-namespaces` (the default for files) every namespace.
import { API_RESOURCES, isClusterScoped, kindFromName } from "../../dsl/resources.js";
import { suggestion } from "../config/source-errors.js";
import type { LoadedObject } from "../input/load.js";
import { UsageError } from "./io.js";

export interface WorkloadTarget {
  /** The kind as Kubernetes spells it (`Deployment`), or as written when Rampart does not know it (a custom resource). */
  readonly kind: string;
  readonly known: boolean;
  /** As written on the command line. */
  readonly written: string;
  readonly name: string | undefined;
  /** undefined: every namespace. */
  readonly namespace: string | undefined;
}

export interface WorkloadFlags {
  readonly namespace?: string;
  readonly allNamespaces?: boolean;
}

export function workloadTarget(text: string, flags: WorkloadFlags): WorkloadTarget {
  const [kindText = "", name, ...rest] = text.split("/");
  if (kindText === "" || name === "" || rest.length > 0) {
    throw new UsageError(`the workload is written kind or kind/name (deployment/web, deploy, sts/db), not "${text}"`);
  }
  if (flags.allNamespaces === true && flags.namespace !== undefined) {
    throw new UsageError("-n/--namespace and -A/--all-namespaces exclude each other");
  }
  const resource = kindFromName(kindText);
  return {
    kind: resource?.kind ?? kindText,
    known: resource !== undefined,
    written: text,
    name,
    namespace: flags.allNamespaces === true ? undefined : flags.namespace,
  };
}

/** What identifies an object to a target. */
export interface NamedObject {
  readonly kind: string;
  readonly name: string;
  readonly namespace: string | undefined;
}

/** The object is the target (of its kind, name and namespace; cluster-scoped kinds have no namespace). */
export function isTarget(target: WorkloadTarget, object: NamedObject): boolean {
  const kind = target.known ? object.kind === target.kind : object.kind.toLowerCase() === target.kind.toLowerCase();
  if (!kind || (target.name !== undefined && object.name !== target.name)) return false;
  return (
    target.namespace === undefined ||
    isClusterScoped(object.kind) ||
    (object.namespace ?? "default") === target.namespace
  );
}

/** Why nothing was scanned: `no deployment/web-app in namespace production in the input` and a hint. */
export function notFound(
  target: WorkloadTarget,
  loaded: readonly LoadedObject[],
  /** What was read: the input (files, stdin) or the cluster. */
  source: "input" | "cluster" = "input",
): string {
  const where = target.namespace === undefined ? "" : ` in namespace ${target.namespace}`;
  const elsewhere = [
    ...new Set(
      loaded
        .map(({ object }) => named(object))
        .filter((object) => isTarget({ ...target, namespace: undefined }, object))
        .map((object) => object.namespace ?? "default"),
    ),
  ];
  const kindText = target.written.split("/")[0] ?? "";
  const hint =
    elsewhere.length > 0
      ? ` (found in namespace ${elsewhere.sort().join(", ")})`
      : target.known
        ? ""
        : ` (unknown kind "${kindText}")${suggestion(kindText, KIND_NAMES)}`;
  return `no ${target.written}${where} in the ${source}${hint}`;
}

/** Every name kubectl accepts for the kinds Rampart knows. */
const KIND_NAMES: readonly string[] = API_RESOURCES.flatMap((entry) => [
  entry.kind.toLowerCase(),
  entry.resource,
  ...entry.shortNames,
]);

function named(object: Readonly<Record<string, unknown>>): NamedObject {
  const metadata = (object.metadata ?? {}) as { name?: unknown; namespace?: unknown };
  return {
    kind: String(object.kind),
    name: typeof metadata.name === "string" ? metadata.name : "",
    namespace: typeof metadata.namespace === "string" ? metadata.namespace : undefined,
  };
}
