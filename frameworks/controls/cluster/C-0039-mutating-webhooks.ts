import { control } from "../../../dsl/index.js";
import { webhooksToReview } from "./shared/webhooks.js";

export default control({
  id: "C-0039",
  name: "Validate admission controller (mutating)",
  baseScore: 4,
  category: "Access control",
  description:
    "A mutating admission webhook sees every request its rules match and can change the objects before they are stored: add a container, an environment variable, a volume. An attacker who registers one runs code in every new pod. Each MutatingWebhookConfiguration is listed for review.",
  remediation:
    "Review each MutatingWebhookConfiguration: delete those you do not know, and check that each webhook's service or URL is one you run.",
  kinds: ["MutatingWebhookConfiguration"],
  // Every object is listed for review: admission warns rather than refusing them all.
  action: "warn",
  check(configuration) {
    return webhooksToReview(configuration, "can change the objects");
  },
});
