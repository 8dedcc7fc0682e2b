import { control, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { missingResource } from "./shared/resources.js";

export default control({
  id: "C-0268",
  name: "Ensure CPU requests are set",
  baseScore: 3,
  category: "Workload",
  description:
    "The scheduler places pods by their requests: a container without a CPU request counts as needing none, so its node can be overcommitted and the container is the first to be starved.",
  remediation: "Set resources.requests.cpu on every container.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return missingResource(workload, "requests", "cpu", "CPU");
  },
});
