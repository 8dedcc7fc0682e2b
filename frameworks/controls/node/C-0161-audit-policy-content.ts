import { type AuditPolicyFields, control, lineFlag, violation } from "../../../dsl/index.js";
import { CONTROL_PLANE_FACTS } from "./shared/facts.js";

type Rule = NonNullable<AuditPolicyFields["rules"]>[number];

/** Resources whose requests must be audited at Metadata exactly: above it, their content (secret values, tokens) lands in the log. */
const METADATA_ONLY = ["secrets", "configmaps", "tokenreviews"];
/** Resources whose requests must be audited at some level (not None). */
const AUDITED = ["pods", "deployments", "pods/exec", "pods/portforward", "pods/proxy", "services/proxy"];

/** The rules of the policy that name `resource` (as Kubescape reads them: in any group of the rule). */
function rulesFor(rules: readonly Rule[], resource: string): readonly Rule[] {
  return rules.filter((rule) => (rule.resources ?? []).some((group) => (group.resources ?? []).includes(resource)));
}

export default control({
  id: "C-0161",
  name: "Ensure that the audit policy covers key security concerns",
  baseScore: 5,
  category: "Control plane",
  description:
    "The audit policy decides what the API server records: requests on secrets, config maps and token reviews should be audited at Metadata (never their bodies), and pod, exec, port-forward and proxy requests at some level, so that an intrusion leaves a trace.",
  remediation:
    "In the audit policy of --audit-policy-file, add rules at level Metadata for secrets, configmaps and tokenreviews, and at Metadata or above for pods, deployments, pods/exec, pods/portforward, pods/proxy and services/proxy, with no rule setting None for them.",
  kinds: ["ControlPlaneInfo"],
  requires: [CONTROL_PLANE_FACTS],
  check(info) {
    const server = info.data?.APIServerInfo;
    if (server?.cmdLine === undefined) return [];
    const flag = lineFlag(server.cmdLine, "data.APIServerInfo.cmdLine", "--audit-policy-file");
    if (flag.value === undefined || flag.value === "")
      return [
        violation("kube-apiserver runs without --audit-policy-file: it audits no request", { paths: [flag.path] }),
      ];
    const policy = server.auditPolicyFile?.decoded;
    if (policy === undefined)
      return [
        violation(`the node facts do not hold the content of the audit policy ${flag.value}`, {
          paths: [server.auditPolicyFile === undefined ? flag.path : "data.APIServerInfo.auditPolicyFile.content"],
        }),
      ];
    const rules = policy.rules ?? [];
    const notMetadata = METADATA_ONLY.filter((resource) => {
      const found = rulesFor(rules, resource);
      return found.length === 0 || found.some((rule) => rule.level !== "Metadata");
    });
    const unaudited = AUDITED.filter((resource) => {
      const found = rulesFor(rules, resource);
      return found.length === 0 || found.some((rule) => rule.level === "None");
    });
    const path = "data.APIServerInfo.auditPolicyFile.content";
    return [
      ...(notMetadata.length > 0
        ? [
            violation(
              `the audit policy ${flag.value} does not audit ${notMetadata.join(", ")} at level Metadata only`,
              { paths: [path] },
            ),
          ]
        : []),
      ...(unaudited.length > 0
        ? [
            violation(
              `the audit policy ${flag.value} leaves ${unaudited.join(", ")} unaudited (no rule, or a rule at None)`,
              { paths: [path] },
            ),
          ]
        : []),
    ];
  },
});
