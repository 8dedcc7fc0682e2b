// References to other objects, end to end: what a scan of some manifests reports when a Service,
// ServiceAccount or target they name is missing, and what it leaves unjudged because the
// manifests do not show the namespace it would be in (README.md, "References to other objects").
import { describe, expect, it } from "vitest";
import type { JsonReport } from "../../runtime/report/json.js";
import { jsonOf, tempFolder } from "../support/cli.js";
import { rampart } from "./run-cli.js";

const { file } = tempFolder("rampart-references-");

const chart = file(
  "chart.yaml",
  `apiVersion: v1
kind: ServiceAccount
metadata: { name: web, namespace: shop }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      serviceAccountName: web-sa
      containers: [{ name: web, image: nginx }]
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports: [{ name: web, port: 80, targetPort: 8080 }]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: shop, namespace: shop }
spec:
  rules:
    - http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: web, port: { name: http } } } }
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: edge, namespace: edge }
spec:
  defaultBackend: { service: { name: gateway, port: { number: 80 } } }
`,
);
const edgeNamespace = file("edge-namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: { name: edge }\n");

function failing(report: JsonReport, id: string): string[] {
  const result = report.results.find((entry) => entry.controlID === id);
  return (result?.resources ?? [])
    .filter((resource) => resource.status === "failed")
    .map((resource) => `${resource.kind}/${resource.namespace ?? ""}/${resource.name}`);
}

describe("references to objects the scan does not hold", () => {
  it("--verbose names each missing object and the field that names it", async () => {
    const run = await rampart(["scan", "control", "C-0298,C-0307", chart, "--verbose"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      '- ServiceAccount "web-sa" not found in namespace "shop"\n        at spec.template.spec.serviceAccountName',
    );
    expect(run.stdout).toContain(
      '- backend Service "web" has no port named "http"\n        at spec.rules[0].http.paths[0].backend.service.port.name',
    );
  });

  it("leaves a reference into a namespace the manifests do not show unjudged, and judges it once they hold the Namespace", async () => {
    const partial = await jsonOf(["scan", "control", "C-0298,C-0307", chart]);
    expect(failing(partial, "C-0298")).toEqual(["Ingress/shop/shop"]);
    expect(failing(partial, "C-0307")).toEqual(["Deployment/shop/web"]);

    const withNamespace = await jsonOf(["scan", "control", "C-0298", chart, edgeNamespace]);
    expect(failing(withNamespace, "C-0298").sort()).toEqual(["Ingress/edge/edge", "Ingress/shop/shop"]);
    const edge = withNamespace.results[0]?.resources.find((resource) => resource.name === "edge");
    expect(edge?.violations).toEqual([
      {
        message: 'backend Service "gateway" not found in namespace "edge"',
        paths: ["spec.defaultBackend.service.name"],
        fixes: [],
      },
    ]);
  });
});
