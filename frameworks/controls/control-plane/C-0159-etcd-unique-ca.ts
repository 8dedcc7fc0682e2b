import {
  type CheckContext,
  type CommandFlag,
  commandFlag,
  control,
  fix,
  type Violation,
  violation,
} from "../../../dsl/index.js";
import { type Component, componentContainers, ETCD_PODS } from "./shared/components.js";
import { isUnset } from "./shared/flags.js";

/** The CA files that pods of `component` in kube-system name in `name` (the API servers' --client-ca-file). */
function caFiles(context: CheckContext, component: Component, name: "--client-ca-file" | "--trusted-ca-file") {
  return context.objectsIn("Pod", "kube-system").flatMap((other) =>
    componentContainers(other, component).flatMap((ref) => {
      const flag =
        name === "--client-ca-file" ? commandFlag(ref, "--client-ca-file") : commandFlag(ref, "--trusted-ca-file");
      return isUnset(flag) ? [] : [flag.value ?? ""];
    }),
  );
}

/** The violation of a flag naming a CA file that `shared` holds. */
function sharedCa(
  component: string,
  flag: CommandFlag,
  shared: readonly string[],
  other: string,
): readonly Violation[] {
  return !isUnset(flag) && shared.includes(flag.value ?? "")
    ? [
        violation(
          `${component} ${flag.name} ${flag.value ?? ""} is also the ${other}: etcd trusts the CA of the cluster's clients`,
          {
            paths: [flag.path],
            fixes: [fix(flag.path, "<path/to/different-tls-certificate-file.crt>")],
          },
        ),
      ]
    : [];
}

export default control({
  id: "C-0159",
  name: "Ensure that a unique Certificate Authority is used for etcd",
  baseScore: 8,
  category: "Control plane",
  description:
    "etcd accepts any client certificate signed by its --trusted-ca-file; when that CA is also the API server's --client-ca-file, every certificate issued to a Kubernetes user or node opens etcd, and with it every secret. Compared across all etcd and kube-apiserver pods of kube-system, by file name.",
  remediation:
    "Give etcd a CA of its own (kubeadm: /etc/kubernetes/pki/etcd/ca.crt) for --trusted-ca-file and issue the API server's etcd client certificate from it; keep the cluster CA for --client-ca-file.",
  kinds: ["Pod"],
  requires: [ETCD_PODS],
  check(pod, context) {
    const clientCas = caFiles(context, "kube-apiserver", "--client-ca-file");
    const trustedCas = caFiles(context, "etcd", "--trusted-ca-file");
    return [
      ...componentContainers(pod, "etcd").flatMap((ref) =>
        sharedCa("etcd", commandFlag(ref, "--trusted-ca-file"), clientCas, "--client-ca-file of kube-apiserver"),
      ),
      ...componentContainers(pod, "kube-apiserver").flatMap((ref) =>
        sharedCa("kube-apiserver", commandFlag(ref, "--client-ca-file"), trustedCas, "--trusted-ca-file of etcd"),
      ),
    ];
  },
});
