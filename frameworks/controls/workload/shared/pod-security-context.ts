// The pod-level settings of a security context that C-0211 judges: volume ownership (fsGroup and
// how it is applied), kernel parameters (sysctls) and supplemental groups.
import {
  fix,
  fixChoice,
  fixRemove,
  podSpec,
  podSpecPath,
  type Violation,
  violation,
  type Workload,
} from "../../../../dsl/index.js";

/**
 * The sysctls the kubelet allows without --allowed-unsafe-sysctls: namespaced to the pod, so they
 * cannot affect other pods or the node (Kubernetes' safe set, as of 1.32).
 */
const SAFE_SYSCTLS = [
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
  "net.ipv4.tcp_rmem",
  "net.ipv4.tcp_wmem",
];

/** A pod without an fsGroup (0 or above) owning its volumes. */
export function fsGroupUnset(workload: Workload): readonly Violation[] {
  const fsGroup = podSpec(workload)?.securityContext?.fsGroup;
  const path = `${podSpecPath(workload)}.securityContext.fsGroup`;
  return fsGroup !== undefined && fsGroup >= 0
    ? []
    : [
        violation("the pod sets no fsGroup for its volumes", {
          paths: [path],
          fixes: [fixChoice(path, "fsGroup", "1000")],
        }),
      ];
}

/** A pod that does not say how its fsGroup is applied to volumes (Always or OnRootMismatch). */
export function fsGroupChangePolicyUnset(workload: Workload): readonly Violation[] {
  const policy = podSpec(workload)?.securityContext?.fsGroupChangePolicy;
  const path = `${podSpecPath(workload)}.securityContext.fsGroupChangePolicy`;
  return policy === "Always" || policy === "OnRootMismatch"
    ? []
    : [
        violation("the pod does not set fsGroupChangePolicy to Always or OnRootMismatch", {
          paths: [path],
          fixes: [fix(path, "Always")],
        }),
      ];
}

/** Sysctls outside the safe set: they can change kernel settings shared with other pods or the node. */
export function unsafeSysctls(workload: Workload): readonly Violation[] {
  const path = `${podSpecPath(workload)}.securityContext.sysctls`;
  return (podSpec(workload)?.securityContext?.sysctls ?? []).flatMap((sysctl, index) =>
    SAFE_SYSCTLS.includes(sysctl.name)
      ? []
      : [
          violation(`the pod sets the unsafe sysctl ${sysctl.name}`, {
            paths: [`${path}[${index}]`],
            fixes: [fixRemove(`${path}[${index}]`)],
          }),
        ],
  );
}

/** The root group (0) among the pod's supplemental groups. */
export function rootSupplementalGroup(workload: Workload): readonly Violation[] {
  const path = `${podSpecPath(workload)}.securityContext.supplementalGroups`;
  return (podSpec(workload)?.securityContext?.supplementalGroups ?? []).flatMap((group, index) =>
    group === 0
      ? [
          violation("the pod adds the root group (0) to its supplemental groups", {
            paths: [`${path}[${index}]`],
            fixes: [fixRemove(`${path}[${index}]`)],
          }),
        ]
      : [],
  );
}
