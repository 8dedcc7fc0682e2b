import { control, ruleAllows, violation } from "../../../dsl/index.js";

const READ_SECRETS = { verbs: ["get"], apiGroups: [""], resources: ["secrets"], namespace: "default" };

export default control({
  id: "C-9019",
  name: "Diagnostic case rbac-request-keys",
  baseScore: 5,
  category: "Test",
  description: "A control with one construct the compiler must reject.",
  remediation: "None.",
  kinds: ["Role"],
  check(role) {
    return (role.rules ?? []).some((rule) => ruleAllows(rule, READ_SECRETS)) ? [violation("reads secrets")] : [];
  },
});
