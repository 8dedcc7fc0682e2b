import { control, lowerAscii, violation } from "../../../dsl/index.js";
import { CNI_FACTS } from "./shared/facts.js";

/** CNI plugins that do not enforce network policies (as Kubescape lists them; the AWS VPC CNI only with its agent, which the facts do not show). */
const WITHOUT_NETWORK_POLICIES = ["flannel", "aws"];

export default control({
  id: "C-0205",
  name: "Ensure that the CNI in use supports Network Policies",
  baseScore: 4,
  category: "Network",
  description:
    "Network policies are enforced by the CNI plugin: with one that ignores them (Flannel alone, the AWS VPC CNI without its policy agent), every NetworkPolicy of the cluster is silently void.",
  remediation:
    "Use a CNI that enforces network policies (Calico, Cilium, Antrea, Weave, Canal for Flannel clusters), or enable the policy agent of the AWS VPC CNI.",
  kinds: ["CNIInfo"],
  requires: [CNI_FACTS],
  check(info) {
    return (info.data?.CNINames ?? []).flatMap((name, index) =>
      WITHOUT_NETWORK_POLICIES.includes(lowerAscii(name))
        ? [
            violation(`the node runs the CNI ${name}, which does not enforce network policies`, {
              paths: [`data.CNINames[${index}]`],
            }),
          ]
        : [],
    );
  },
});
