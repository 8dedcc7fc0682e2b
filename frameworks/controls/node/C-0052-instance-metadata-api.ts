import { control, violation } from "../../../dsl/index.js";
import { CLOUD_PROVIDER_FACTS } from "./shared/facts.js";

export default control({
  id: "C-0052",
  name: "Instance Metadata API",
  baseScore: 7,
  category: "Control plane",
  description:
    "A node that reaches its cloud provider's instance metadata API (169.254.169.254) gives every pod that can reach it the node's cloud credentials and bootstrap data, unless pods are blocked from it.",
  remediation:
    "Block pods from the instance metadata API: IMDSv2 with a hop limit of 1 on AWS, Workload Identity or metadata concealment on GKE, a network policy denying egress to 169.254.169.254/32 elsewhere.",
  kinds: ["cloudProviderInfo"],
  requires: [CLOUD_PROVIDER_FACTS],
  check(info) {
    return info.data?.providerMetaDataAPIAccess === true
      ? [
          violation("the node reaches its cloud provider's instance metadata API", {
            paths: ["data.providerMetaDataAPIAccess"],
          }),
        ]
      : [];
  },
});
