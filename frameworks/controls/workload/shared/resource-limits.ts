import { containers, fixChoice, type Violation, violation, type Workload } from "../../../../dsl/index.js";

/**
 * One violation per container that sets no limit for `resource`. Init containers are left out, as
 * Kubescape leaves them out: they run to completion before the app starts (frameworks/kubescape-differences.yaml).
 */
/** What `rampart fix --defaults` sets where no limit is chosen (the values of the article users follow). */
const DEFAULT_LIMITS = { cpu: "500m", memory: "512Mi" } as const;

export function missingLimits(workload: Workload, resource: "cpu" | "memory", label: string): readonly Violation[] {
  return containers(workload)
    .filter((ref) => ref.container.resources?.limits?.[resource] === undefined)
    .map((ref) =>
      violation(`container "${ref.container.name}" has no ${label} limit`, {
        paths: [`${ref.path}.resources.limits.${resource}`],
        fixes: [fixChoice(`${ref.path}.resources.limits.${resource}`, `limits.${resource}`, DEFAULT_LIMITS[resource])],
      }),
    );
}
