// A scan of some files is not a scan of the cluster: what the controls that look beyond one
// object conclude from what the files hold (README, "Some files are not a cluster").
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES, jsonOf, tempFolder } from "../support/cli.js";

const { folder, file } = tempFolder("rampart-partial-");

const NAMESPACE = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`;
const WEB = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: app, image: nginx }] }
`;
const POLICY_ENGINE = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: { name: policy-engine }
webhooks:
  - name: validate.policy.example.com
    clientConfig: { service: { namespace: policy-system, name: policy-webhook } }
    rules: [{ apiGroups: ["*"], apiVersions: ["*"], operations: [CREATE, UPDATE], resources: ["*"] }]
    admissionReviewVersions: [v1]
    sideEffects: None
`;
const ACCOUNT = `apiVersion: v1
kind: ServiceAccount
metadata: { name: web, namespace: shop }
`;

async function failing(control: string, files: readonly string[]) {
  const report = await jsonOf(["scan", "control", control, ...files]);
  const result = report.results[0];
  return {
    status: result?.status,
    all: result?.resourceCounters.all,
    failed: (result?.resources ?? [])
      .filter((resource) => resource.status === "failed")
      .map((resource) => ({
        name: `${resource.kind}/${resource.name}`,
        messages: resource.violations?.map((v) => v.message),
      })),
  };
}

describe("a scan of some files", () => {
  it("without Namespace objects gives the Pod Security controls nothing to judge", async () => {
    const report = await jsonOf(["scan", "control", "C-0193,C-0197,C-0192,C-0209", EXAMPLES]);
    expect(report.results.map((result) => [result.controlID, result.status, result.resourceCounters.all])).toEqual([
      ["C-0193", "passed", 0],
      ["C-0197", "passed", 0],
      ["C-0192", "passed", 0],
      ["C-0209", "passed", 0],
    ]);
  });

  it("C-0192: a namespace without an enforce label fails when the files hold no policy engine, and says so", async () => {
    const result = await failing("C-0192", [file("namespace.yaml", NAMESPACE)]);
    expect(result.failed).toEqual([
      {
        name: "Namespace/shop",
        messages: [expect.stringContaining("the scanned objects hold no admission webhook")],
      },
    ]);
    expect((await failing("C-0192", [file("namespace.yaml"), file("engine.yaml", POLICY_ENGINE)])).failed).toEqual([]);
  });

  it("C-0189: a namespace whose workloads run as default fails unless the files hold another service account in it", async () => {
    const alone = await failing("C-0189", [file("namespace.yaml", NAMESPACE), file("web.yaml", WEB)]);
    expect(alone.failed.map((entry) => entry.name)).toEqual(["Namespace/shop"]);
    const withAccount = await failing("C-0189", [
      file("namespace.yaml"),
      file("web.yaml"),
      file("account.yaml", ACCOUNT),
    ]);
    expect(withAccount.failed).toEqual([]);
    // A namespace scanned without its workloads is not concluded to use its default service account.
    expect((await failing("C-0189", [file("namespace.yaml")])).failed).toEqual([]);
  });

  it("C-0193: the namespace's own labels decide, whatever else the files hold", async () => {
    const result = await failing("C-0193", [path.join(folder, "namespace.yaml"), file("engine.yaml", POLICY_ENGINE)]);
    expect(result.failed.map((entry) => entry.name)).toEqual(["Namespace/shop"]);
  });
});
