import { control, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { missingRecommendedLabels } from "./shared/labels.js";

export default control({
  id: "C-0077",
  name: "K8s common labels usage",
  baseScore: 2,
  category: "Workload",
  description:
    "Kubernetes' recommended labels (app.kubernetes.io/name, instance, version, component, part-of, managed-by, created-by: the control input k8sRecommendedLabels) let tools and people tell which application and release an object belongs to. A workload fails when its own labels, or its pods' labels, carry none of them.",
  remediation:
    "Add at least app.kubernetes.io/name (or another of k8sRecommendedLabels) to the workload's metadata.labels and to its pod template's labels.",
  kinds: WORKLOAD_KINDS,
  inputs: ["k8sRecommendedLabels"],
  check(workload, context) {
    return missingRecommendedLabels(workload, context.inputs.k8sRecommendedLabels);
  },
});
