import { control, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { missingResource } from "./shared/resources.js";

export default control({
  id: "C-0271",
  name: "Ensure memory limits are set",
  baseScore: 8,
  category: "Workload",
  description:
    "A container without a memory limit can exhaust the memory of its node, so that the kernel kills other workloads to recover it.",
  remediation: "Set resources.limits.memory on every container.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return missingResource(workload, "limits", "memory", "memory");
  },
});
