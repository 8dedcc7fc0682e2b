import { control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { hostPathVolumes, volumeMountPaths } from "./shared/host-path.js";

export default control({
  id: "C-0048",
  name: "HostPath mount",
  baseScore: 7,
  category: "Workload",
  description:
    "A hostPath volume gives the pod a directory or file of the node: its logs, configuration, credentials or the container runtime. A declared volume fails even when no container mounts it yet, as the Pod Security Standards (baseline) forbid hostPath volumes outright.",
  remediation:
    "Replace hostPath volumes with emptyDir, configMap, secret or persistent volumes; where a node agent truly needs one, grant an exception.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return hostPathVolumes(workload).map((entry) =>
      violation(`the hostPath volume "${entry.volume.name}" gives the pods a path of the node`, {
        paths: [entry.path, ...volumeMountPaths(workload, entry.volume.name)],
      }),
    );
  },
});
