// Windows pods (spec.os.name or the kubernetes.io/os node selector say windows) and the Windows
// options of their security context, as C-0211 judges them. The API server refuses the Linux
// fields of a security context (seccomp, SELinux, capabilities, …) in a pod for Windows, so the
// controls that ask for them leave Windows pods out.
import {
  containers,
  fix,
  fixChoice,
  podSpec,
  podSpecPath,
  type Violation,
  violation,
  type Workload,
} from "../../../../dsl/index.js";

/** Whether the pod is meant for Windows nodes. */
export function isWindows(workload: Workload): boolean {
  const spec = podSpec(workload);
  return spec?.os?.name === "windows" || spec?.nodeSelector?.["kubernetes.io/os"] === "windows";
}

/** Containers of a Windows pod that run without a group managed service account credential spec. */
export function gmsaUnset(workload: Workload): readonly Violation[] {
  if (!isWindows(workload) || podSpec(workload)?.securityContext?.windowsOptions?.gmsaCredentialSpecName !== undefined)
    return [];
  return containers(workload, { init: true, ephemeral: true })
    .filter((ref) => ref.container.securityContext?.windowsOptions?.gmsaCredentialSpecName === undefined)
    .map((ref) => {
      const path = `${ref.path}.securityContext.windowsOptions.gmsaCredentialSpecName`;
      return violation(`Windows container "${ref.container.name}" sets no gMSA credential spec`, {
        paths: [path],
        fixes: [fixChoice(path, "gmsaCredentialSpecName", "")],
      });
    });
}

/** Containers of a Windows pod that do not name the Windows user they run as. */
export function runAsUserNameUnset(workload: Workload): readonly Violation[] {
  if (!isWindows(workload) || podSpec(workload)?.securityContext?.windowsOptions?.runAsUserName !== undefined)
    return [];
  return containers(workload, { init: true, ephemeral: true })
    .filter((ref) => ref.container.securityContext?.windowsOptions?.runAsUserName === undefined)
    .map((ref) => {
      const path = `${ref.path}.securityContext.windowsOptions.runAsUserName`;
      return violation(`Windows container "${ref.container.name}" does not set runAsUserName`, {
        paths: [path],
        fixes: [fixChoice(path, "runAsUserName", "ContainerUser")],
      });
    });
}

/** HostProcess containers (the pod's setting or a container's): they run on the Windows node itself. */
export function hostProcess(workload: Workload): readonly Violation[] {
  const podPath = `${podSpecPath(workload)}.securityContext.windowsOptions.hostProcess`;
  return [
    ...(podSpec(workload)?.securityContext?.windowsOptions?.hostProcess === true
      ? [violation("the pod runs as a Windows HostProcess", { paths: [podPath], fixes: [fix(podPath, "false")] })]
      : []),
    ...containers(workload, { init: true, ephemeral: true })
      .filter((ref) => ref.container.securityContext?.windowsOptions?.hostProcess === true)
      .map((ref) => {
        const path = `${ref.path}.securityContext.windowsOptions.hostProcess`;
        return violation(`container "${ref.container.name}" runs as a Windows HostProcess`, {
          paths: [path],
          fixes: [fix(path, "false")],
        });
      }),
  ];
}
