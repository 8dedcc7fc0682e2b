// The built-in controls' capabilities at the default target (Kubernetes 1.35), pinned here so that
// tests do not take them only from generated/manifest.json: a control that silently loses its
// admission policy or Gatekeeper template must fail a test, not shrink what the tests compare.

/** The built-in controls with a ValidatingAdmissionPolicy. */
export const EXPRESSIBLE_IN_CEL: readonly string[] = [
  "C-0012",
  "C-0013",
  "C-0016",
  "C-0017",
  "C-0018",
  "C-0020",
  "C-0026",
  "C-0036",
  "C-0038",
  "C-0039",
  "C-0041",
  "C-0044",
  "C-0045",
  "C-0046",
  "C-0048",
  "C-0055",
  "C-0056",
  "C-0057",
  "C-0061",
  "C-0073",
  "C-0074",
  "C-0075",
  "C-0076",
  "C-0077",
  "C-0193",
  "C-0194",
  "C-0195",
  "C-0196",
  "C-0197",
  "C-0198",
  "C-0199",
  "C-0200",
  "C-0201",
  "C-0202",
  "C-0203",
  "C-0204",
  "C-0207",
  "C-0210",
  "C-0211",
  "C-0212",
  "C-0253",
  "C-0268",
  "C-0269",
  "C-0270",
  "C-0271",
  "C-0292",
  "C-0294",
  "C-0295",
  "C-0305",
];

/** The built-in controls that read other objects of the scan: no admission policy, by design. */
export const CROSS_RESOURCE: readonly string[] = [
  "C-0021",
  "C-0030",
  "C-0034",
  "C-0042",
  "C-0058",
  "C-0059",
  "C-0189",
  "C-0190",
  "C-0192",
  "C-0209",
];

/** The built-in controls exported as Gatekeeper ConstraintTemplates: all of them. */
export const EXPORTED_TO_GATEKEEPER: readonly string[] = [...EXPRESSIBLE_IN_CEL, ...CROSS_RESOURCE].sort();
