import { containers, fix, type Violation, violation, type Workload } from "../../../../dsl/index.js";

/**
 * One violation per container that requests no `resource`. Init containers are left out, as
 * Kubescape leaves them out (and as the limit controls C-0270/C-0271 do).
 */
export function missingRequests(workload: Workload, resource: "cpu" | "memory", label: string): readonly Violation[] {
  return containers(workload)
    .filter((ref) => ref.container.resources?.requests?.[resource] === undefined)
    .map((ref) =>
      violation(`container "${ref.container.name}" has no ${label} request`, {
        paths: [`${ref.path}.resources.requests.${resource}`],
        fixes: [fix(`${ref.path}.resources.requests.${resource}`, "YOUR_VALUE")],
      }),
    );
}
