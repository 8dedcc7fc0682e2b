import { control, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { missingResource } from "./shared/resources.js";

export default control({
  id: "C-0270",
  name: "Ensure CPU limits are set",
  baseScore: 8,
  category: "Workload",
  description:
    "A container without a CPU limit can take all the CPU of its node and starve its neighbours, whether by a bug, a load spike or an attacker mining on it.",
  remediation: "Set resources.limits.cpu on every container.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return missingResource(workload, "limits", "cpu", "CPU");
  },
});
