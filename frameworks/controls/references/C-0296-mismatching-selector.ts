import { control, podMetadata, selectorMatches, violation } from "../../../dsl/index.js";

/** A field the API types require, which a manifest may still leave out. */
function text(value: string | undefined): string {
  return value ?? "";
}

export default control({
  id: "C-0296",
  name: "Mismatching selector",
  baseScore: 3,
  category: "Workload",
  description:
    "A workload whose selector does not select the labels of its own pod template cannot own the pods it creates (the API server refuses such apps/v1 objects, older manifests and templates still carry them). Each label and requirement of the selector that the template does not satisfy is named.",
  remediation:
    "Make the selector (spec.selector, spec.jobTemplate.spec.selector for a CronJob) and the pod template's metadata.labels agree: every selector label must be on the template with the same value.",
  kinds: ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "CronJob", "ReplicationController"],
  check(workload) {
    const labels = podMetadata(workload)?.labels;
    if (workload.kind === "ReplicationController") {
      // A map of labels; an empty one is defaulted to the template's labels.
      return Object.entries(workload.spec?.selector ?? {})
        .filter(([key, value]) => labels?.[key] !== value)
        .map(([key, value]) =>
          violation(`the selector's label ${key}=${value} is not on the pod template`, { paths: ["spec.selector"] }),
        );
    }
    const path = workload.kind === "CronJob" ? "spec.jobTemplate.spec.selector" : "spec.selector";
    const selector = workload.kind === "CronJob" ? workload.spec?.jobTemplate?.spec?.selector : workload.spec?.selector;
    return [
      ...Object.entries(selector?.matchLabels ?? {})
        .filter(([key, value]) => labels?.[key] !== value)
        .map(([key, value]) =>
          violation(`the selector's label ${key}=${value} is not on the pod template`, {
            paths: [`${path}.matchLabels`],
          }),
        ),
      ...(selector?.matchExpressions ?? [])
        .filter((requirement) => !selectorMatches({ matchExpressions: [requirement] }, labels))
        .map((requirement) =>
          violation(
            `the selector's requirement "${text(requirement.key)} ${text(requirement.operator)}" does not hold for the pod template labels`,
            { paths: [`${path}.matchExpressions`] },
          ),
        ),
    ];
  },
});
