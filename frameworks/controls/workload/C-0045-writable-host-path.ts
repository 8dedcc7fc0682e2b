import { containers, control, fix, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";
import { hostPathVolumes } from "./shared/host-path.js";

export default control({
  id: "C-0045",
  name: "Writable hostPath mount",
  baseScore: 8,
  category: "Workload",
  description:
    "A container that mounts a hostPath volume without readOnly can change files on the node: plant binaries, edit configuration or credentials, and so take over the node. Every container type is read: init and ephemeral containers write to the node all the same.",
  remediation:
    "Remove hostPath volumes where possible; otherwise set readOnly: true on every volumeMount of a hostPath volume.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    const hostPaths = hostPathVolumes(workload).map((entry) => entry.volume.name);
    return containers(workload, { init: true, ephemeral: true }).flatMap((ref) =>
      (ref.container.volumeMounts ?? []).flatMap((mount, index) =>
        hostPaths.includes(mount.name) && mount.readOnly !== true
          ? [
              violation(`container "${ref.container.name}" mounts the hostPath volume "${mount.name}" writable`, {
                paths: [`${ref.path}.volumeMounts[${index}].readOnly`],
                fixes: [fix(`${ref.path}.volumeMounts[${index}].readOnly`, "true")],
              }),
            ]
          : [],
      ),
    );
  },
});
