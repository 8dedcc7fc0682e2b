// Control inputs: the lists a user can tune per installation (Kubescape's flat
// `{key: [values]}` form). Every input is a list of strings; the defaults live in
// frameworks/catalog/default-control-inputs.json.

export type InputName =
  | "imageRepositoryAllowList"
  | "imageDigestExemptRepositories"
  | "floatingImageTags"
  | "trustedCosignPublicKeys"
  | "insecureCapabilities"
  | "publicRegistries"
  | "sensitiveInterfaces"
  | "max_critical_vulnerabilities"
  | "max_high_vulnerabilities"
  | "sensitiveKeyNames"
  | "sensitiveValues"
  | "sensitiveKeyNamesAllowed"
  | "sensitiveValuesAllowed"
  | "servicesNames"
  | "untrustedRegistries"
  | "memory_request_max"
  | "memory_request_min"
  | "memory_limit_max"
  | "memory_limit_min"
  | "cpu_request_max"
  | "cpu_request_min"
  | "cpu_limit_max"
  | "cpu_limit_min"
  | "sandbox_cpu_limit_max"
  | "sandbox_memory_limit_max"
  | "wlKnownNames"
  | "recommendedLabels"
  | "k8sRecommendedLabels"
  | "hardenedSandboxRuntimeClasses";

export type ControlInputs<I extends InputName = InputName> = {
  readonly [K in I]: readonly string[];
};
