import { control, WORKLOAD_KINDS } from "../../../dsl/index.js";
import {
  fsGroupChangePolicyUnset,
  fsGroupUnset,
  rootSupplementalGroup,
  unsafeSysctls,
} from "./shared/pod-security-context.js";
import { seccompUnconfined } from "./shared/seccomp.js";
import {
  mayRunAsRoot,
  netRawKept,
  privilegedContainers,
  privilegeEscalationAllowed,
  procUnmasked,
  seLinuxUnset,
  writableRootFilesystem,
} from "./shared/security-context.js";
import { gmsaUnset, hostProcess, isWindows, runAsUserNameUnset } from "./shared/windows.js";

export default control({
  id: "C-0211",
  name: "Apply Security Context to Your Pods and Containers",
  baseScore: 8,
  category: "Workload",
  description:
    "The security context is where a pod limits what its containers may do. Each container must be unprivileged, without privilege escalation, non-root, with a read-only root filesystem, without NET_RAW, with a seccomp profile and SELinux options and the default /proc mask; the pod must set an fsGroup with a change policy, no unsafe sysctls and not the root supplemental group; Windows pods must name a gMSA credential spec and a user and must not run as HostProcess, and are not asked for the Linux fields the API server refuses in them (Kubescape's fifteen rules of CIS 5.7.3).",
  remediation:
    "Set the reported fields in the pod and container securityContext: privileged and allowPrivilegeEscalation false, runAsNonRoot true with a non-zero runAsGroup, readOnlyRootFilesystem true, capabilities.drop [ALL], seccompProfile RuntimeDefault, seLinuxOptions, fsGroup with fsGroupChangePolicy, only safe sysctls.",
  kinds: WORKLOAD_KINDS,
  check(workload) {
    // The API server refuses the Linux fields in a pod for Windows: its Windows options are judged instead.
    if (isWindows(workload)) return [...gmsaUnset(workload), ...runAsUserNameUnset(workload), ...hostProcess(workload)];
    return [
      ...privilegedContainers(workload),
      ...privilegeEscalationAllowed(workload),
      ...mayRunAsRoot(workload),
      ...writableRootFilesystem(workload),
      ...netRawKept(workload),
      ...seccompUnconfined(workload),
      ...seLinuxUnset(workload),
      ...procUnmasked(workload),
      ...fsGroupUnset(workload),
      ...fsGroupChangePolicyUnset(workload),
      ...unsafeSysctls(workload),
      ...rootSupplementalGroup(workload),
      ...hostProcess(workload),
    ];
  },
});
