import { control, fix, namespaceOf, podSpec, podSpecPath, violation, WORKLOAD_KINDS } from "../../../dsl/index.js";

export default control({
  id: "C-0034",
  name: "Automatic mapping of service account",
  baseScore: 6,
  category: "Secrets",
  description:
    "Unless a pod or its service account opts out, Kubernetes mounts a service account token in every container; an attacker in the container can use it against the API server. The pod's own automountServiceAccountToken wins; when unset, the service account's setting applies (default: mount).",
  remediation:
    "Set automountServiceAccountToken: false in the pod spec, or on the ServiceAccount, for workloads that do not call the Kubernetes API.",
  // ServiceAccounts are counted and pass, as in Kubescape (their setting is judged through the workloads).
  kinds: [...WORKLOAD_KINDS, "ServiceAccount"],
  check(workload, context) {
    if (workload.kind === "ServiceAccount") return [];
    const spec = podSpec(workload);
    const path = `${podSpecPath(workload)}.automountServiceAccountToken`;
    const accountName = spec?.serviceAccountName ?? spec?.serviceAccount ?? "default";
    const account = context.object("ServiceAccount", namespaceOf(workload), accountName);
    const accountOptsOut = account?.automountServiceAccountToken === false;
    const podSetting = spec?.automountServiceAccountToken;
    const mounts = podSetting === true || (podSetting === undefined && !accountOptsOut);
    return mounts
      ? [
          violation(`pods mount the token of service account "${accountName}"`, {
            paths: [path],
            fixes: [fix(path, "false")],
          }),
        ]
      : [];
  },
});
