import { bindingSubjects, control, grantedRules, namespaceOf, ruleAllows, SUBJECT_KINDS } from "../../../dsl/index.js";
import { grantViolation, RBAC_PARAMETERS } from "./shared.js";

// CoreDNS reads its configuration from the config map kube-system/coredns.
const UPDATE_COREDNS = {
  verbs: ["update", "patch"],
  apiGroups: [""],
  resources: ["configmaps"],
  resourceNames: ["coredns"],
};

export default control({
  id: "C-0037",
  name: "CoreDNS poisoning",
  baseScore: 4,
  category: "Access control",
  description:
    "A subject allowed to update or patch the config map kube-system/coredns rewrites the cluster's DNS and can send any service's traffic to a pod of its choice. Each subject a ClusterRoleBinding, or a RoleBinding in kube-system, grants that is a finding, naming the role, its rule and the binding.",
  remediation:
    "Remove the subject from the binding, or bind a role without update and patch on config maps in kube-system (or one whose resourceNames leave out coredns).",
  kinds: ["RoleBinding", "ClusterRoleBinding"],
  subjects: SUBJECT_KINDS,
  parameters: RBAC_PARAMETERS,
  check(binding, context) {
    // A RoleBinding grants only in its own namespace.
    if (binding.kind === "RoleBinding" && namespaceOf(binding) !== "kube-system") return [];
    const rules = grantedRules(binding, context).filter((granted) => ruleAllows(granted.rule, UPDATE_COREDNS));
    return bindingSubjects(binding, [
      ...context.params.rbacSystemSubjects,
      ...context.params.rbacAllowedSubjects,
    ]).flatMap((ref) =>
      rules.map((granted) => grantViolation(binding, ref, granted, 'modify the CoreDNS config map "coredns"')),
    );
  },
});
