// Recommended labels on a workload and on the pods it runs (C-0076, C-0077).
import { fix, podMetadata, type Violation, violation, type Workload } from "../../../../dsl/index.js";
import { podLabelsPath } from "./pod-template.js";

function hasAny(labels: Readonly<Record<string, string>> | undefined, recommended: readonly string[]): boolean {
  return recommended.some((label) => labels?.[label] !== undefined);
}

/**
 * A violation for the workload's own labels and one for its pod template's labels when they carry
 * none of the `recommended` labels (a Pod's labels are both). The fix adds the first of them.
 */
export function missingRecommendedLabels(workload: Workload, recommended: readonly string[]): readonly Violation[] {
  // Without recommended labels nothing is asked (scans skip the control as needing configuration).
  if (recommended.length === 0) return [];
  const first = recommended[0] ?? "";
  const own = !hasAny(workload.metadata?.labels, recommended)
    ? [
        violation(
          `${workload.kind} ${workload.metadata?.name ?? ""} carries none of the recommended labels (such as ${first})`,
          {
            paths: ["metadata.labels"],
            fixes: [fix(`metadata.labels[${first}]`, "YOUR_VALUE")],
          },
        ),
      ]
    : [];
  if (workload.kind === "Pod") return own;
  const path = podLabelsPath(workload);
  return [
    ...own,
    ...(!hasAny(podMetadata(workload)?.labels, recommended)
      ? [
          violation(
            `the pods of ${workload.kind} ${workload.metadata?.name ?? ""} carry none of the recommended labels (such as ${first})`,
            {
              paths: [path],
              fixes: [fix(`${path}[${first}]`, "YOUR_VALUE")],
            },
          ),
        ]
      : []),
  ];
}
