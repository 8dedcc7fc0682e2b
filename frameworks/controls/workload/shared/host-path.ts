import { containers, podSpec, podSpecPath, type Workload } from "../../../../dsl/index.js";

/** The pod's hostPath volumes, each with its path in the object (`spec.template.spec.volumes[1]`). */
export function hostPathVolumes(workload: Workload) {
  const base = podSpecPath(workload);
  return (podSpec(workload)?.volumes ?? []).flatMap((volume, index) =>
    volume.hostPath === undefined ? [] : [{ volume, path: `${base}.volumes[${index}]` }],
  );
}

/**
 * The path of every mount of the volume `name`: in app, init and ephemeral containers, which can
 * all mount the pod's volumes.
 */
export function volumeMountPaths(workload: Workload, name: string): readonly string[] {
  return containers(workload, { init: true, ephemeral: true }).flatMap((ref) =>
    (ref.container.volumeMounts ?? []).flatMap((mount, index) =>
      mount.name === name ? [`${ref.path}.volumeMounts[${index}]`] : [],
    ),
  );
}
