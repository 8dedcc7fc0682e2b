// The seccomp profile each container runs with: its own securityContext.seccompProfile or, where
// it sets none, the pod's. Shared by C-0055 and C-0211 (a profile at all) and C-0210 (the
// runtime's default profile). Windows pods, which cannot set a seccomp profile, are left out.
import {
  containers,
  fix,
  podSpec,
  podSpecPath,
  type Violation,
  violation,
  type Workload,
} from "../../../../dsl/index.js";
import { isWindows } from "./windows.js";

/**
 * Containers that run without seccomp filtering: no profile in their securityContext nor in the
 * pod's, or the Unconfined one. The violation points at the profile type in force (the container's,
 * else the pod's), or at the container's when none is set.
 */
export function seccompUnconfined(workload: Workload): readonly Violation[] {
  if (isWindows(workload)) return [];
  const podType = podSpec(workload)?.securityContext?.seccompProfile?.type;
  const podPath = `${podSpecPath(workload)}.securityContext.seccompProfile.type`;
  return containers(workload, { init: true, ephemeral: true }).flatMap((ref) => {
    const ownType = ref.container.securityContext?.seccompProfile?.type;
    const ownPath = `${ref.path}.securityContext.seccompProfile.type`;
    const type = ownType ?? podType;
    if (type !== undefined && type !== "Unconfined") return [];
    const path = ownType === undefined && podType !== undefined ? podPath : ownPath;
    return [
      violation(
        type === undefined
          ? `container "${ref.container.name}" runs without a seccomp profile`
          : `container "${ref.container.name}" runs with the Unconfined seccomp profile`,
        { paths: [path], fixes: [fix(path, "RuntimeDefault")] },
      ),
    ];
  });
}

/**
 * Containers whose seccomp profile is not the container runtime's default: the container's own
 * profile decides, the pod's where it sets none. A profile of another type is reported where it
 * is set; a container without any gets the fix.
 */
export function seccompNotRuntimeDefault(workload: Workload): readonly Violation[] {
  if (isWindows(workload)) return [];
  const podType = podSpec(workload)?.securityContext?.seccompProfile?.type;
  const podPath = `${podSpecPath(workload)}.securityContext.seccompProfile.type`;
  return containers(workload, { init: true, ephemeral: true }).flatMap((ref) => {
    const ownType = ref.container.securityContext?.seccompProfile?.type;
    const ownPath = `${ref.path}.securityContext.seccompProfile.type`;
    const type = ownType ?? podType;
    if (type === "RuntimeDefault") return [];
    if (type === undefined)
      return [
        violation(`container "${ref.container.name}" sets no seccomp profile`, {
          paths: [ownPath],
          fixes: [fix(ownPath, "RuntimeDefault")],
        }),
      ];
    return [
      violation(`container "${ref.container.name}" runs with the seccomp profile ${type}, not RuntimeDefault`, {
        paths: [ownType === undefined ? podPath : ownPath],
      }),
    ];
  });
}
