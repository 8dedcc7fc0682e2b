import { control, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { missingResource } from "./shared/resources.js";

export default control({
  id: "C-0269",
  name: "Ensure memory requests are set",
  baseScore: 3,
  category: "Workload",
  description:
    "The scheduler places pods by their requests: a container without a memory request counts as needing none, so its node can be overcommitted and the container is among the first killed when memory runs out.",
  remediation: "Set resources.requests.memory on every container.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return missingResource(workload, "requests", "memory", "memory");
  },
});
