import {
  type CheckContext,
  fix,
  namespaceOf,
  podSpec,
  podSpecPath,
  type Violation,
  violation,
  type Workload,
} from "../../../../dsl/index.js";

/**
 * Pods that get their service account's API token mounted: the pod's own
 * automountServiceAccountToken wins; when unset, the ServiceAccount's applies (the same namespace,
 * `default` unless the pod names one); without either, Kubernetes mounts the token.
 */
export function serviceAccountTokenMounted(workload: Workload, context: CheckContext): readonly Violation[] {
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
}
