// The built-in controls' capabilities at the default target (Kubernetes 1.35), pinned here so that
// tests do not take them only from generated/manifest.json: a control that silently loses its
// admission policy or Gatekeeper template must fail a test, not shrink what the tests compare.

/** The built-in controls with a ValidatingAdmissionPolicy. */
export const EXPRESSIBLE_IN_CEL: readonly string[] = [
  "C-0012",
  "C-0013",
  "C-0016",
  "C-0017",
  "C-0044",
  "C-0046",
  "C-0057",
  "C-0113",
  "C-0270",
  "C-0271",
];

/** The built-in controls that read other objects of the scan: no admission policy, by design. */
export const CROSS_RESOURCE: readonly string[] = ["C-0030", "C-0034"];

/** The built-in controls exported as Gatekeeper ConstraintTemplates: all of them. */
export const EXPORTED_TO_GATEKEEPER: readonly string[] = [...EXPRESSIBLE_IN_CEL, ...CROSS_RESOURCE].sort();
