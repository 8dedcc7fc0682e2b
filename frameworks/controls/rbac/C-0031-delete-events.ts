import { bindingSubjects, control, grantedRules, ruleAllows, SUBJECT_KINDS } from "../../../dsl/index.js";
import { grantViolation, RBAC_PARAMETERS } from "./shared.js";

// Events are served by the core group and by events.k8s.io: either grant deletes them.
const DELETE_EVENTS = {
  verbs: ["delete", "deletecollection"],
  apiGroups: ["", "events.k8s.io"],
  resources: ["events"],
};

export default control({
  id: "C-0031",
  name: "Delete Kubernetes events",
  baseScore: 4,
  category: "Access control",
  description:
    "A subject allowed to delete events can erase the trace of what happened in the cluster (failed logins to pods, evictions, image pulls) before anyone reads it. Each subject a binding grants that is a finding, naming the role, its rule and the binding.",
  remediation:
    "Remove the subject from the binding, or bind a role without delete and deletecollection on events (core and events.k8s.io groups).",
  kinds: ["RoleBinding", "ClusterRoleBinding"],
  subjects: SUBJECT_KINDS,
  parameters: RBAC_PARAMETERS,
  check(binding, context) {
    const rules = grantedRules(binding, context).filter((granted) => ruleAllows(granted.rule, DELETE_EVENTS));
    return bindingSubjects(binding, [
      ...context.params.rbacSystemSubjects,
      ...context.params.rbacAllowedSubjects,
    ]).flatMap((ref) => rules.map((granted) => grantViolation(binding, ref, granted, "delete events")));
  },
});
