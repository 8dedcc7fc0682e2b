import { control, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { writableRootFilesystem } from "./shared/security-context.js";

export default control({
  id: "C-0017",
  name: "Immutable container filesystem",
  baseScore: 3,
  category: "Workload",
  description:
    "A writable root filesystem lets an attacker who gets into a container change its binaries and configuration or drop tools. Containers should write only to mounted volumes.",
  remediation:
    "Set securityContext.readOnlyRootFilesystem to true in every container and mount an emptyDir or other volume where the application must write.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return writableRootFilesystem(workload);
  },
});
