// A managed cluster's description (Kubescape's ClusterDescribe), which the cloud rules of C-0066,
// C-0067 and C-0068 judge: a scan has one only when it was given one.
import { type InputObject, requirement } from "../../../../dsl/index.js";

export type Provider = "eks" | "gke" | "aks";

const PROVIDER_NAMES: Readonly<Record<Provider, string>> = { eks: "EKS", gke: "GKE", aks: "AKS" };

function describes(object: InputObject, providers: readonly Provider[]): boolean {
  const provider = (object.metadata as { provider?: unknown } | undefined)?.provider;
  return object.kind === "ClusterDescribe" && providers.some((wanted) => wanted === provider);
}

/** The description of a managed cluster of one of `providers`. */
export function clusterDescription(providers: readonly Provider[]) {
  const named = providers.map((provider) => PROVIDER_NAMES[provider]);
  const names = named.length > 1 ? `${named.slice(0, -1).join(", ")} or ${named.at(-1)}` : named.join("");
  return requirement({
    name: `the description of a managed ${names} cluster`,
    missing: `no description of a managed ${names} cluster (ClusterDescribe) in the input`,
    providedBy: (object) => describes(object, providers),
  });
}
