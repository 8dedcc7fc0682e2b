import { control, rulesAllowing, violation } from "../../../dsl/index.js";

export default control({
  id: "C-9018",
  name: "Diagnostic case rbac-request-variable",
  baseScore: 5,
  category: "Test",
  description: "A control with one construct the compiler must reject.",
  remediation: "None.",
  kinds: ["Role", "ClusterRole"],
  check(role) {
    const request = { verbs: ["get"], apiGroups: [""], resources: ["secrets"] };
    return rulesAllowing(role, request).map((ref) => violation("reads secrets", { paths: [ref.path] }));
  },
});
