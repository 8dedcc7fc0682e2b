// Recommended labels on a workload and on the pods it runs (C-0076, C-0077).
import { fixChoice, podMetadata, type Violation, violation, type Workload } from "../../../../dsl/index.js";
import { podLabelsPath } from "./pod-template.js";

function hasAny(labels: Readonly<Record<string, string>> | undefined, recommended: readonly string[]): boolean {
  return recommended.some((label) => labels?.[label] !== undefined);
}

/**
 * A violation for the workload's own labels and one for its pod template's labels when they carry
 * none of the `recommended` labels (a Pod's labels are both). The fix adds the first of them, a
 * value to choose (`labels.<label>` in fixValues) whose default is the workload's name.
 */
export function missingRecommendedLabels(workload: Workload, recommended: readonly string[]): readonly Violation[] {
  // Without recommended labels nothing is asked (scans skip the control as needing configuration).
  if (recommended.length === 0) return [];
  const first = recommended[0] ?? "";
  // The fix adds the first recommended label; the workload's name is its default value.
  const name = workload.metadata?.name ?? "";
  const own = !hasAny(workload.metadata?.labels, recommended)
    ? [
        violation(`${workload.kind} ${name} carries none of the recommended labels (such as ${first})`, {
          paths: ["metadata.labels"],
          fixes: [fixChoice(`metadata.labels[${first}]`, `labels.${first}`, name)],
        }),
      ]
    : [];
  if (workload.kind === "Pod") return own;
  const path = podLabelsPath(workload);
  return [
    ...own,
    ...(!hasAny(podMetadata(workload)?.labels, recommended)
      ? [
          violation(`the pods of ${workload.kind} ${name} carry none of the recommended labels (such as ${first})`, {
            paths: [path],
            fixes: [fixChoice(`${path}[${first}]`, `labels.${first}`, name)],
          }),
        ]
      : []),
  ];
}
