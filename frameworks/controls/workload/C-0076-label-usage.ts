import { control, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { missingRecommendedLabels } from "./shared/labels.js";

export default control({
  id: "C-0076",
  name: "Label usage for resources",
  baseScore: 2,
  category: "Workload",
  description:
    "Labels that say what a workload is (app, tier, phase, version, owner, env: the control input recommendedLabels) let policies, network rules and people select and trace it. A workload fails when its own labels, or its pods' labels, carry none of them.",
  remediation:
    "Add at least one of the recommended labels (recommendedLabels) to the workload's metadata.labels and to its pod template's labels.",
  kinds: WORKLOAD_KINDS,
  inputs: ["recommendedLabels"],
  check(workload, context) {
    return missingRecommendedLabels(workload, context.inputs.recommendedLabels);
  },
});
