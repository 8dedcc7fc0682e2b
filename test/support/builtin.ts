// The built-in controls' capabilities at the default target (Kubernetes 1.35), pinned here so that
// tests do not take them only from generated/manifest.json: a control that silently loses its
// admission policy or Gatekeeper template must fail a test, not shrink what the tests compare.

/** The built-in controls with a ValidatingAdmissionPolicy. */
export const EXPRESSIBLE_IN_CEL: readonly string[] = [
  "C-0005",
  "C-0012",
  "C-0013",
  "C-0016",
  "C-0017",
  "C-0044",
  "C-0046",
  "C-0057",
  "C-0066",
  "C-0067",
  "C-0068",
  "C-0113",
  "C-0114",
  "C-0115",
  "C-0116",
  "C-0117",
  "C-0118",
  "C-0119",
  "C-0120",
  "C-0121",
  "C-0122",
  "C-0123",
  "C-0124",
  "C-0125",
  "C-0126",
  "C-0127",
  "C-0128",
  "C-0129",
  "C-0130",
  "C-0131",
  "C-0132",
  "C-0134",
  "C-0135",
  "C-0137",
  "C-0138",
  "C-0139",
  "C-0140",
  "C-0143",
  "C-0144",
  "C-0145",
  "C-0146",
  "C-0147",
  "C-0148",
  "C-0149",
  "C-0150",
  "C-0151",
  "C-0152",
  "C-0153",
  "C-0154",
  "C-0155",
  "C-0156",
  "C-0157",
  "C-0158",
  "C-0160",
  "C-0270",
  "C-0271",
];

/** The built-in controls that read other objects of the scan: no admission policy, by design. */
export const CROSS_RESOURCE: readonly string[] = ["C-0030", "C-0034", "C-0159"];

/** The built-in controls exported as Gatekeeper ConstraintTemplates: all of them. */
export const EXPORTED_TO_GATEKEEPER: readonly string[] = [...EXPRESSIBLE_IN_CEL, ...CROSS_RESOURCE].sort();
