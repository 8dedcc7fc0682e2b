// What the node controls judge: facts collected from nodes (Kubescape's host data, written by
// `rampart collect node` or Kubescape's host scanner), one object per kind and node. A scan of
// manifests or of a cluster's API has none: the controls are skipped, with the reason, never passed.
import { type InputObject, NODE_FACT_KINDS, requirement } from "../../../../dsl/index.js";

/** Any node facts. */
export const NODE_FACTS = requirement({
  name: "node facts",
  missing: "needs node facts (run rampart collect node)",
  providedBy: (object: InputObject) => (NODE_FACT_KINDS as readonly unknown[]).includes(object.kind),
});

function factsOf(kind: (typeof NODE_FACT_KINDS)[number], what: string) {
  return requirement({
    name: what,
    missing: `no ${what} (${kind}) in the node facts of the input`,
    providedBy: (object: InputObject) => object.kind === kind,
    within: NODE_FACTS,
  });
}

/** A control-plane node's facts: a worker has none, a managed cluster's nodes neither. */
export const CONTROL_PLANE_FACTS = factsOf("ControlPlaneInfo", "control-plane node facts");
export const KUBELET_FACTS = factsOf("KubeletInfo", "kubelet facts");
export const KUBE_PROXY_FACTS = factsOf("KubeProxyInfo", "kube-proxy facts");
export const CNI_FACTS = factsOf("CNIInfo", "CNI facts");
export const CLOUD_PROVIDER_FACTS = factsOf("cloudProviderInfo", "cloud provider facts");
