// Container ports in TypeScript (dsl/ports.ts), the specification of containerPorts' Rego and
// CEL; test/differential/helpers.test.ts compares every engine on the same workloads.
import { describe, expect, it } from "vitest";
import { containerPorts, type Workload } from "../../dsl/index.js";

const deployment = (spec: Record<string, unknown>): Workload =>
  ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: { template: { spec } },
  }) as unknown as Workload;

describe("containerPorts", () => {
  it("lists each port of each container with its path and container, in order", () => {
    const app = { name: "app", ports: [{ containerPort: 80 }, { containerPort: 443, name: "https" }] };
    const sidecar = { name: "sidecar", ports: [{ containerPort: 53, protocol: "UDP", hostPort: 53 }] };
    expect(containerPorts(deployment({ containers: [app, sidecar] }))).toEqual([
      {
        port: { containerPort: 80, protocol: "TCP" },
        path: "spec.template.spec.containers[0].ports[0]",
        container: app,
        containerPath: "spec.template.spec.containers[0]",
        type: "container",
      },
      {
        port: { containerPort: 443, protocol: "TCP", name: "https" },
        path: "spec.template.spec.containers[0].ports[1]",
        container: app,
        containerPath: "spec.template.spec.containers[0]",
        type: "container",
      },
      {
        port: { containerPort: 53, protocol: "UDP", hostPort: 53 },
        path: "spec.template.spec.containers[1].ports[0]",
        container: sidecar,
        containerPath: "spec.template.spec.containers[1]",
        type: "container",
      },
    ]);
  });

  it("reads ports as the API server keeps them: TCP by default, hostPort 0 and empty strings as unset", () => {
    const ports = [
      { containerPort: 8080, protocol: "" },
      { containerPort: 8081, hostPort: 0, name: "", hostIP: "" },
      { containerPort: 8082, hostPort: 9000, hostIP: "127.0.0.1", protocol: "SCTP" },
    ];
    expect(containerPorts(deployment({ containers: [{ name: "app", ports }] })).map((ref) => ref.port)).toEqual([
      { containerPort: 8080, protocol: "TCP" },
      { containerPort: 8081, protocol: "TCP" },
      { containerPort: 8082, hostPort: 9000, hostIP: "127.0.0.1", protocol: "SCTP" },
    ]);
  });

  it("lists init and ephemeral containers only when asked, as containers() does", () => {
    const workload = deployment({
      containers: [{ name: "app", ports: [{ containerPort: 80 }] }],
      initContainers: [{ name: "init", ports: [{ containerPort: 81 }] }],
      ephemeralContainers: [{ name: "debug", ports: [{ containerPort: 82 }] }],
    });
    const paths = (options?: Parameters<typeof containerPorts>[1]) =>
      containerPorts(workload, options).map((ref) => `${ref.type} ${ref.path}`);
    expect(paths()).toEqual(["container spec.template.spec.containers[0].ports[0]"]);
    expect(paths({ init: true, ephemeral: true })).toEqual([
      "container spec.template.spec.containers[0].ports[0]",
      "initContainer spec.template.spec.initContainers[0].ports[0]",
      "ephemeralContainer spec.template.spec.ephemeralContainers[0].ports[0]",
    ]);
  });

  it("gives the paths of a Pod and of a CronJob", () => {
    const containers = [{ name: "app", ports: [{ containerPort: 80 }] }];
    const pod = { apiVersion: "v1", kind: "Pod", spec: { containers } } as unknown as Workload;
    const cronJob = {
      apiVersion: "batch/v1",
      kind: "CronJob",
      spec: { jobTemplate: { spec: { template: { spec: { containers } } } } },
    } as unknown as Workload;
    expect(containerPorts(pod)[0]?.path).toBe("spec.containers[0].ports[0]");
    expect(containerPorts(cronJob)[0]?.path).toBe("spec.jobTemplate.spec.template.spec.containers[0].ports[0]");
  });

  it("nothing for containers without ports, empty ports, no containers or no pod spec", () => {
    expect(containerPorts(deployment({ containers: [{ name: "a" }, { name: "b", ports: [] }] }))).toEqual([]);
    expect(containerPorts(deployment({}))).toEqual([]);
    expect(containerPorts({ apiVersion: "apps/v1", kind: "Deployment" } as unknown as Workload)).toEqual([]);
  });
});
