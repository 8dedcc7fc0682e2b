// Which CEL features a ValidatingAdmissionPolicy may use, by Kubernetes version. An API server
// of version N compiles new expressions with the environment of N-1 (its compatibility
// version), so a feature the base environment gained in 1.x is usable from 1.(x+1).
// Source: k8s.io/apiserver pkg/cel/environment/base.go.

export type CelFeature = "quantityLibrary" | "twoVariableComprehensions" | "listsExtension" | "stringsExtension";

const INTRODUCED: Record<CelFeature, number> = {
  quantityLibrary: 28,
  stringsExtension: 29,
  twoVariableComprehensions: 32,
  listsExtension: 34,
};

export const FEATURE_NAMES: Record<CelFeature, string> = {
  quantityLibrary: "the Kubernetes quantity library (quantity, isQuantity)",
  stringsExtension: "the strings extension (lowerAscii, join, split, indexOf, substring)",
  twoVariableComprehensions: "two-variable comprehensions (transformList, exists(i, v, …))",
  listsExtension: "the lists extension (flatten, sort)",
};

/** The oldest minor still supported upstream on 2026-11-27 (1.35, 1.36 and 1.37 are). */
export const DEFAULT_KUBERNETES_VERSION = "1.35";
/**
 * ValidatingAdmissionPolicy is GA from 1.30, whose API server also has the optional types
 * (`a.?b`, from 1.29) that every policy uses, so they are no feature to check.
 */
export const OLDEST_KUBERNETES_VERSION = "1.30";

export interface KubernetesVersion {
  readonly major: 1;
  readonly minor: number;
}

/** Parses "1.35" (or "v1.35", "1.35.2"); undefined when it is not a Kubernetes 1.x version. */
export function parseKubernetesVersion(text: string): KubernetesVersion | undefined {
  const match = /^v?1\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  return match === null ? undefined : { major: 1, minor: Number(match[1]) };
}

export function supports(version: KubernetesVersion, feature: CelFeature): boolean {
  return version.minor >= INTRODUCED[feature] + 1;
}

/** The first version whose API server accepts `feature` in new expressions. */
export function firstVersionWith(feature: CelFeature): string {
  return `1.${INTRODUCED[feature] + 1}`;
}
