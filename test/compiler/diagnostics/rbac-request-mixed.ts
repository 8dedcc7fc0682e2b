import { control, ruleAllows, violation } from "../../../dsl/index.js";

export default control({
  id: "C-9020",
  name: "Diagnostic case rbac-request-mixed",
  baseScore: 5,
  category: "Test",
  description: "A control with one construct the compiler must reject.",
  remediation: "None.",
  kinds: ["ClusterRole"],
  check(role) {
    return (role.rules ?? []).some((rule) =>
      ruleAllows(rule, { verbs: ["get"], resources: ["pods"], nonResourceURLs: ["/metrics"] }),
    )
      ? [violation("reads pods or metrics")]
      : [];
  },
});
