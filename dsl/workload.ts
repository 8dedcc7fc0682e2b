// Workload helpers: the pod spec of any workload kind and its containers with their paths.
// The compiler knows these functions (by declaration) and emits an equivalent per back end,
// so their behaviour here is the specification for compiler/backends/*/ helpers.
import type { Container, PodSpec } from "kubernetes-types/core/v1.js";
import type { ObjectMeta } from "kubernetes-types/meta/v1.js";
import type { Workload } from "./kinds.js";

export type ContainerType = "container" | "initContainer" | "ephemeralContainer";

export interface ContainerRef {
  readonly container: Container;
  /** Path of the container in the object, e.g. `spec.template.spec.initContainers[1]`. */
  readonly path: string;
  readonly type: ContainerType;
}

export interface ContainerOptions {
  /** Include `initContainers` (default false). */
  readonly init?: boolean;
  /** Include `ephemeralContainers` (default false). */
  readonly ephemeral?: boolean;
}

/** Path of the pod template's metadata+spec parent: "" for Pod, "spec.template." otherwise. */
function templatePrefix(workload: Workload): string {
  switch (workload.kind) {
    case "Pod":
      return "";
    case "CronJob":
      return "spec.jobTemplate.spec.template.";
    default:
      return "spec.template.";
  }
}

/** The namespace an object is in: "default" when its manifest names none (where kubectl creates it). */
export function namespaceOf(object: { readonly metadata?: ObjectMeta }): string {
  return object.metadata?.namespace ?? "default";
}

/** Dotted path of the pod spec: `spec`, `spec.template.spec` or `spec.jobTemplate.spec.template.spec`. */
export function podSpecPath(workload: Workload): string {
  return `${templatePrefix(workload)}spec`;
}

export function podSpec(workload: Workload): PodSpec | undefined {
  switch (workload.kind) {
    case "Pod":
      return workload.spec;
    case "CronJob":
      return workload.spec?.jobTemplate?.spec?.template?.spec;
    default:
      return workload.spec?.template?.spec;
  }
}

/** The metadata of the pods a workload runs (labels that selectors see). */
export function podMetadata(workload: Workload): ObjectMeta | undefined {
  switch (workload.kind) {
    case "Pod":
      return workload.metadata;
    case "CronJob":
      return workload.spec?.jobTemplate?.spec?.template?.metadata;
    default:
      return workload.spec?.template?.metadata;
  }
}

/** The containers of a workload, in order: containers, then init, then ephemeral containers. */
export function containers(workload: Workload, options: ContainerOptions = {}): readonly ContainerRef[] {
  const spec = podSpec(workload);
  const base = podSpecPath(workload);
  const refs = (list: readonly Container[] | undefined, field: string, type: ContainerType) =>
    (list ?? []).map((container, index) => ({ container, path: `${base}.${field}[${index}]`, type }));
  return [
    ...refs(spec?.containers, "containers", "container"),
    ...(options.init === true ? refs(spec?.initContainers, "initContainers", "initContainer") : []),
    ...(options.ephemeral === true
      ? refs(spec?.ephemeralContainers as Container[] | undefined, "ephemeralContainers", "ephemeralContainer")
      : []),
  ];
}
