// cloudProviderInfo: whether the instance metadata API of a cloud (GCP, Azure, AWS) answers from
// where the collector runs — in the DaemonSet, from a pod, which is what the control asks. Only
// asked with --cloud-metadata: it is the one part of the collector that talks to the network.
import type { CloudProviderData } from "./facts.js";

/** The endpoints and headers Kubescape's host scanner asks (a 200 answer from any means access). */
export const METADATA_ENDPOINTS: ReadonlyArray<{ readonly url: string; readonly headers: Record<string, string> }> = [
  {
    url: "http://169.254.169.254/computeMetadata/v1/?alt=json&recursive=true",
    headers: { "Metadata-Flavor": "Google" },
  },
  { url: "http://169.254.169.254/metadata/instance?api-version=2021-02-01", headers: { Metadata: "true" } },
  { url: "http://169.254.169.254/latest/meta-data/local-hostname", headers: {} },
];

async function answers(url: string, headers: Record<string, string>, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

export async function cloudProviderData(endpoints = METADATA_ENDPOINTS, timeoutMs = 2000): Promise<CloudProviderData> {
  const results = await Promise.all(endpoints.map((endpoint) => answers(endpoint.url, endpoint.headers, timeoutMs)));
  return results.includes(true) ? { providerMetaDataAPIAccess: true } : {};
}
