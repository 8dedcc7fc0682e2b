import { type CheckContext, control, fix, violation } from "../../../dsl/index.js";
import { ENFORCE_LABEL } from "./shared/pod-security.js";

const ENFORCE_PATH = "metadata.labels[pod-security.kubernetes.io/enforce]";

/** Whether admission rules reach namespaced objects: a rule without scope is "*", the API server's default. */
function reachesNamespacedObjects(rules: ReadonlyArray<{ readonly scope?: string }> | undefined): boolean {
  return (rules ?? []).some((rule) => rule.scope !== "Cluster");
}

/**
 * Whether the scan holds an admission mechanism for namespaced objects besides Pod Security
 * Admission: a validating or mutating webhook (Gatekeeper, Kyverno, …), or a
 * ValidatingAdmissionPolicy that a binding enforces (validationActions Deny).
 */
function policyEngineInScan(context: CheckContext): boolean {
  const webhooks = [
    ...context.objects("ValidatingWebhookConfiguration").flatMap((config) => config.webhooks ?? []),
    ...context.objects("MutatingWebhookConfiguration").flatMap((config) => config.webhooks ?? []),
  ];
  const bindings = context
    .objects("ValidatingAdmissionPolicyBinding")
    .filter((binding) => (binding.spec?.validationActions ?? []).includes("Deny"));
  return (
    webhooks.some((webhook) => reachesNamespacedObjects(webhook.rules)) ||
    context
      .objects("ValidatingAdmissionPolicy")
      .some(
        (policy) =>
          reachesNamespacedObjects(policy.spec?.matchConstraints?.resourceRules) &&
          bindings.some((binding) => binding.spec?.policyName === (policy.metadata?.name ?? "")),
      )
  );
}

export default control({
  id: "C-0192",
  name: "Ensure that the cluster has at least one active policy control mechanism in place",
  baseScore: 4,
  category: "Network",
  description:
    "Without an admission policy, any pod spec the API server accepts runs: privileged containers, host namespaces, host paths. Each namespace needs Pod Security Admission (its pod-security.kubernetes.io/enforce label), unless the cluster has another policy engine for namespaced objects: a validating or mutating webhook (Gatekeeper, Kyverno, …) or a ValidatingAdmissionPolicy with a binding that denies.",
  remediation:
    "Label each namespace pod-security.kubernetes.io/enforce=baseline (or restricted), or install a policy engine whose webhooks or bound ValidatingAdmissionPolicies cover namespaced objects.",
  // The webhook configurations are counted and pass, as in Kubescape: the namespaces are judged.
  kinds: ["Namespace", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"],
  check(object, context) {
    if (object.kind !== "Namespace") return [];
    if (object.metadata?.labels?.[ENFORCE_LABEL] !== undefined) return [];
    if (policyEngineInScan(context)) return [];
    return [
      violation(
        "no policy controls admission in this namespace: it has no Pod Security Admission level, and the scanned objects hold no admission webhook nor enforced ValidatingAdmissionPolicy for namespaced objects",
        { paths: [ENFORCE_PATH], fixes: [fix(ENFORCE_PATH, "baseline")] },
      ),
    ];
  },
});
