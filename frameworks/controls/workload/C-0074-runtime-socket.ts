import { control, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { hostPathVolumes, volumeMountPaths } from "./shared/host-path.js";

/**
 * Container runtime sockets (and Docker's state directory), below the run directory: `/var/run`
 * is a link to `/run` on current Linux systems, so each is read under both names.
 */
const RUNTIME_SOCKETS = [
  "docker.sock",
  "docker",
  "containerd/containerd.sock",
  "crio/crio.sock",
  "cri-dockerd.sock",
  "k3s/containerd/containerd.sock",
];

export default control({
  id: "C-0074",
  name: "Container runtime socket mounted",
  baseScore: 5,
  category: "Workload",
  description:
    "A pod with the container runtime's socket (Docker, containerd, CRI-O, cri-dockerd) can start privileged containers, read every container's files and secrets, and so take over the node. Read under /run and /var/run; a declared volume fails even when no container mounts it yet.",
  remediation:
    "Remove the hostPath volume of the runtime socket; tools that build images or inspect containers can run without it (rootless builders, the Kubernetes API).",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    return hostPathVolumes(workload)
      .filter((entry) => {
        const path = entry.volume.hostPath?.path;
        return RUNTIME_SOCKETS.some((socket) => path === `/run/${socket}` || path === `/var/run/${socket}`);
      })
      .map((entry) =>
        violation(
          `the hostPath volume "${entry.volume.name}" gives the pods the container runtime socket ${entry.volume.hostPath?.path ?? ""}`,
          { paths: [entry.path, ...volumeMountPaths(workload, entry.volume.name)] },
        ),
      );
  },
});
