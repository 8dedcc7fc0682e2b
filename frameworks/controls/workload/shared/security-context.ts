// The container settings of a security context, one function per setting, each giving a
// violation per container that gets it wrong: the controls of one setting (C-0013, C-0016,
// C-0017) and C-0211, which applies them all, share them. Every container type runs code in the
// pod, so init and ephemeral containers are judged too.
import {
  containers,
  fix,
  fixChoice,
  fixRemove,
  podSpec,
  podSpecPath,
  type Violation,
  violation,
  type Workload,
} from "../../../../dsl/index.js";
import { isCapability } from "./capabilities.js";

/** Containers that may gain more privileges than their parent process (setuid binaries). */
export function privilegeEscalationAllowed(workload: Workload): readonly Violation[] {
  return containers(workload, { init: true, ephemeral: true })
    .filter((ref) => ref.container.securityContext?.allowPrivilegeEscalation !== false)
    .map((ref) =>
      violation(`container "${ref.container.name}" does not set allowPrivilegeEscalation to false`, {
        paths: [`${ref.path}.securityContext.allowPrivilegeEscalation`],
        // The API server refuses allowPrivilegeEscalation: false on a privileged container.
        fixes:
          ref.container.securityContext?.privileged === true
            ? [
                fix(`${ref.path}.securityContext.allowPrivilegeEscalation`, "false"),
                fix(`${ref.path}.securityContext.privileged`, "false"),
              ]
            : [fix(`${ref.path}.securityContext.allowPrivilegeEscalation`, "false")],
      }),
    );
}

/** Containers whose root filesystem is writable. */
export function writableRootFilesystem(workload: Workload): readonly Violation[] {
  return containers(workload, { init: true, ephemeral: true })
    .filter((ref) => ref.container.securityContext?.readOnlyRootFilesystem !== true)
    .map((ref) =>
      violation(`container "${ref.container.name}" has a writable root filesystem`, {
        paths: [`${ref.path}.securityContext.readOnlyRootFilesystem`],
        fixes: [fix(`${ref.path}.securityContext.readOnlyRootFilesystem`, "true")],
      }),
    );
}

/**
 * Containers that may run as root or with the root group: non-root needs runAsNonRoot true or a
 * runAsUser above 0, and a runAsGroup above 0, each from the container's securityContext or, where
 * it sets none, from the pod's. Where a user or group is set to 0 the fix raises it there; where
 * none is set, in the container.
 */
export function mayRunAsRoot(workload: Workload): readonly Violation[] {
  const pod = podSpec(workload)?.securityContext;
  const podPath = `${podSpecPath(workload)}.securityContext`;
  return containers(workload, { init: true, ephemeral: true }).flatMap((ref) => {
    const own = ref.container.securityContext;
    const ownPath = `${ref.path}.securityContext`;
    const runAsNonRoot = own?.runAsNonRoot ?? pod?.runAsNonRoot;
    const runAsUser = own?.runAsUser ?? pod?.runAsUser;
    const runAsGroup = own?.runAsGroup ?? pod?.runAsGroup;
    const userContext = own?.runAsUser !== undefined ? ownPath : podPath;
    const userSet = own?.runAsUser !== undefined || pod?.runAsUser !== undefined;
    const groupContext = own?.runAsGroup === undefined && pod?.runAsGroup !== undefined ? podPath : ownPath;
    const rootUser = runAsNonRoot !== true && !(runAsUser !== undefined && runAsUser > 0);
    const rootGroup = !(runAsGroup !== undefined && runAsGroup > 0);
    return [
      ...(rootUser
        ? [
            !userSet
              ? violation(`container "${ref.container.name}" may run as root`, {
                  paths: [`${ownPath}.runAsNonRoot`],
                  fixes: [fix(`${ownPath}.runAsNonRoot`, "true")],
                })
              : violation(`container "${ref.container.name}" runs as root (runAsUser 0)`, {
                  paths: [`${userContext}.runAsUser`],
                  fixes: [fix(`${userContext}.runAsUser`, "1000")],
                }),
          ]
        : []),
      ...(rootGroup
        ? [
            violation(`container "${ref.container.name}" may run with the root group (runAsGroup is 0 or unset)`, {
              paths: [`${groupContext}.runAsGroup`],
              fixes: [fix(`${groupContext}.runAsGroup`, "1000")],
            }),
          ]
        : []),
    ];
  });
}

/** Privileged containers: every capability and device of the node. */
export function privilegedContainers(workload: Workload): readonly Violation[] {
  return containers(workload, { init: true, ephemeral: true })
    .filter((ref) => ref.container.securityContext?.privileged === true)
    .map((ref) =>
      violation(`container "${ref.container.name}" is privileged`, {
        paths: [`${ref.path}.securityContext.privileged`],
        fixes: [fix(`${ref.path}.securityContext.privileged`, "false")],
      }),
    );
}

/**
 * Containers that keep NET_RAW (raw sockets: packet spoofing, ARP and DNS poisoning in the pod
 * network): neither NET_RAW nor ALL is dropped, or ALL is dropped and NET_RAW added back.
 */
export function netRawKept(workload: Workload): readonly Violation[] {
  return containers(workload, { init: true, ephemeral: true }).flatMap((ref) => {
    const capabilities = ref.container.securityContext?.capabilities;
    const drop = capabilities?.drop ?? [];
    const dropsAll = drop.some((name) => isCapability(name, "ALL"));
    const addedBack = (capabilities?.add ?? []).flatMap((name, index) =>
      isCapability(name, "NET_RAW") ? [`${ref.path}.securityContext.capabilities.add[${index}]`] : [],
    );
    if (dropsAll)
      return addedBack.length > 0
        ? [
            violation(`container "${ref.container.name}" adds NET_RAW back after dropping ALL`, {
              paths: addedBack,
              fixes: addedBack.map((path) => fixRemove(path)),
            }),
          ]
        : [];
    if (drop.some((name) => isCapability(name, "NET_RAW"))) return [];
    const next = `${ref.path}.securityContext.capabilities.drop[${drop.length}]`;
    return [
      violation(`container "${ref.container.name}" does not drop NET_RAW`, {
        paths: [next],
        fixes: [fix(next, "NET_RAW")],
      }),
    ];
  });
}

/** Containers without SELinux options, from their own securityContext or the pod's. */
export function seLinuxUnset(workload: Workload): readonly Violation[] {
  if (podSpec(workload)?.securityContext?.seLinuxOptions !== undefined) return [];
  return containers(workload, { init: true, ephemeral: true })
    .filter((ref) => ref.container.securityContext?.seLinuxOptions === undefined)
    .map((ref) =>
      violation(`container "${ref.container.name}" sets no SELinux options`, {
        paths: [`${ref.path}.securityContext.seLinuxOptions`],
        fixes: [fixChoice(`${ref.path}.securityContext.seLinuxOptions`, "seLinuxOptions", "")],
      }),
    );
}

/** Containers that unmask /proc (procMount other than Default), exposing the node's kernel interfaces. */
export function procUnmasked(workload: Workload): readonly Violation[] {
  return containers(workload, { init: true, ephemeral: true })
    .filter((ref) => {
      const procMount = ref.container.securityContext?.procMount;
      return procMount !== undefined && procMount !== "Default";
    })
    .map((ref) =>
      violation(`container "${ref.container.name}" sets procMount to a value other than Default`, {
        paths: [`${ref.path}.securityContext.procMount`],
        fixes: [fix(`${ref.path}.securityContext.procMount`, "Default")],
      }),
    );
}
