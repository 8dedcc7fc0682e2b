import type { KindMap, Violation } from "../../../../dsl/index.js";
import { violation } from "../../../../dsl/index.js";

type WebhookConfiguration = KindMap["ValidatingWebhookConfiguration"] | KindMap["MutatingWebhookConfiguration"];

/**
 * One finding per webhook of a configuration, for review: which requests it receives is in its
 * rules, where they go is its service or URL; `power` says what it can do with them. A
 * configuration without webhooks is listed too, as Kubescape lists every configuration.
 */
export function webhooksToReview(configuration: WebhookConfiguration, power: string): readonly Violation[] {
  const webhooks = configuration.webhooks ?? [];
  if (webhooks.length === 0)
    return [violation("this configuration lists no webhooks: review why it exists", { paths: ["webhooks"] })];
  return webhooks.map((webhook, index) => {
    const service = webhook.clientConfig?.service;
    const target =
      service === undefined
        ? `the URL ${webhook.clientConfig?.url ?? ""}`
        : `the service ${service.namespace}/${service.name}`;
    return violation(
      `webhook "${webhook.name}" sends the requests its rules match to ${target}, which ${power}: review that you know and trust it`,
      { paths: [`webhooks[${index}]`] },
    );
  });
}
