import { control } from "../../../dsl/index.js";
import { webhooksToReview } from "./shared/webhooks.js";

export default control({
  id: "C-0036",
  name: "Validate admission controller (validating)",
  baseScore: 3,
  category: "Access control",
  description:
    "A validating admission webhook sees every request its rules match, secrets included, and can refuse them; an attacker who registers one reads the cluster's changes or blocks them. Each ValidatingWebhookConfiguration is listed for review.",
  remediation:
    "Review each ValidatingWebhookConfiguration: delete those you do not know, and check that each webhook's service or URL is one you run.",
  kinds: ["ValidatingWebhookConfiguration"],
  // Every object is listed for review: admission warns rather than refusing them all.
  action: "warn",
  check(configuration) {
    return webhooksToReview(configuration, "can refuse them");
  },
});
