// Fixture helpers: the same pod spec as every workload kind, with the prefix its paths take.
import { apiResourceOf, WORKLOAD_KINDS, type WorkloadKind } from "../../dsl/index.js";

export interface WrappedWorkload {
  readonly object: Record<string, unknown>;
  /** Dotted path of the pod spec in `object`, ending with a dot. */
  readonly prefix: string;
}

export interface PodTemplate {
  readonly podSpec: unknown;
  readonly labels?: Record<string, string>;
  readonly namespace?: string;
}

function apiVersionOf(kind: WorkloadKind): string {
  const resource = apiResourceOf(kind);
  if (resource === undefined) throw new Error(`no API resource for ${kind}`);
  return resource.group === "" ? resource.version : `${resource.group}/${resource.version}`;
}

export function wrapPodSpec(kind: WorkloadKind, name: string, template: PodTemplate): WrappedWorkload {
  const labels = template.labels ?? { app: name };
  const metadata = { name, ...(template.namespace === undefined ? {} : { namespace: template.namespace }) };
  const podTemplate = { metadata: { labels }, spec: template.podSpec };
  const base = { apiVersion: apiVersionOf(kind), kind };
  switch (kind) {
    case "Pod":
      return { object: { ...base, metadata: { ...metadata, labels }, spec: template.podSpec }, prefix: "spec." };
    case "CronJob":
      return {
        object: {
          ...base,
          metadata,
          spec: { schedule: "0 * * * *", jobTemplate: { spec: { template: podTemplate } } },
        },
        prefix: "spec.jobTemplate.spec.template.spec.",
      };
    case "Job":
      return { object: { ...base, metadata, spec: { template: podTemplate } }, prefix: "spec.template.spec." };
    case "ReplicationController":
      // A ReplicationController's selector is a plain map of labels.
      return {
        object: { ...base, metadata, spec: { selector: labels, template: podTemplate } },
        prefix: "spec.template.spec.",
      };
    default:
      return {
        object: { ...base, metadata, spec: { selector: { matchLabels: labels }, template: podTemplate } },
        prefix: "spec.template.spec.",
      };
  }
}

export { WORKLOAD_KINDS };
