import { containers, fixChoice, type Violation, violation, type Workload } from "../../../../dsl/index.js";

/** What `rampart fix --defaults` sets where no value is chosen (the values of the article users follow). */
const DEFAULTS = {
  limits: { cpu: "500m", memory: "512Mi" },
  requests: { cpu: "250m", memory: "256Mi" },
} as const;

const WORDS = { limits: "limit", requests: "request" } as const;

/**
 * One violation per container that sets no CPU or memory limit (or request). Init containers are
 * left out, as Kubescape leaves them out: they run to completion before the app starts.
 */
export function missingResource(
  workload: Workload,
  field: "limits" | "requests",
  resource: "cpu" | "memory",
  label: string,
): readonly Violation[] {
  return containers(workload)
    .filter((ref) => ref.container.resources?.[field]?.[resource] === undefined)
    .map((ref) =>
      violation(`container "${ref.container.name}" has no ${label} ${WORDS[field]}`, {
        paths: [`${ref.path}.resources.${field}.${resource}`],
        fixes: [
          fixChoice(`${ref.path}.resources.${field}.${resource}`, `${field}.${resource}`, DEFAULTS[field][resource]),
        ],
      }),
    );
}
