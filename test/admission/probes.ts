// Objects for what the Kubescape conformance inputs do not exercise: non-ASCII keys, keys that
// JavaScript orders numerically, objects named by generateName, every kind of container in a
// CronJob, pod-level security settings a container overrides, Pod Security labels that are
// almost right, and webhooks named by generateName or reached by URL.

export interface Probe {
  readonly name: string;
  readonly object: Record<string, unknown>;
}

const container = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: "nginx:1.27", ...extra });

export const PROBES: readonly Probe[] = [
  {
    name: "kelvin-sign-configmap-key",
    object: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "kelvin" }, data: { "API_\u212AEY": "value" } },
  },
  {
    name: "kelvin-sign-env-name",
    object: {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "kelvin" },
      spec: { containers: [container("app", { env: [{ name: "API_\u212AEY", value: "value" }] })] },
    },
  },
  {
    name: "configmap-numeric-keys",
    object: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "numeric" },
      data: { b_token: "x", "10": "eyJhbGciOiJIUzI1NiJ9", "2_password": "y", plain: "hello" },
    },
  },
  {
    name: "generate-name",
    object: {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { generateName: "web-" },
      spec: { containers: [container("app", { securityContext: { privileged: true } })] },
    },
  },
  {
    name: "cronjob-every-container-kind",
    object: {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "nightly" },
      spec: {
        schedule: "0 0 * * *",
        jobTemplate: {
          spec: {
            template: {
              spec: {
                securityContext: { runAsUser: 1000 },
                containers: [
                  container("main", {
                    ports: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 81 }],
                    securityContext: { capabilities: { add: ["NET_ADMIN", "SYS_ADMIN"] }, runAsUser: 0 },
                    resources: { limits: { cpu: "1" } },
                  }),
                ],
                initContainers: [
                  container("init", {
                    env: [{ name: "DB_PASSWORD", value: "hunter2" }],
                    resources: { limits: { memory: "1Gi" } },
                  }),
                ],
                ephemeralContainers: [container("debug", { securityContext: { allowPrivilegeEscalation: false } })],
              },
            },
          },
        },
      },
    },
  },
  {
    name: "pod-level-non-root",
    object: {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "api" },
      spec: {
        template: {
          spec: {
            securityContext: { runAsNonRoot: true },
            containers: [
              container("inherits"),
              container("overrides", { securityContext: { runAsNonRoot: false, readOnlyRootFilesystem: true } }),
            ],
          },
        },
      },
    },
  },
  {
    name: "namespace-almost-right-labels",
    object: {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        generateName: "team-",
        labels: {
          "pod-security.kubernetes.io/enforce": "restricted ",
          "pod-security.kubernetes.io/enforce-version": "v1.7\n",
          "\u212Aelvin": "x",
        },
      },
    },
  },
  {
    name: "namespace-old-version",
    object: {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        name: "legacy",
        labels: {
          "pod-security.kubernetes.io/enforce": "restricted",
          "pod-security.kubernetes.io/enforce-version": "v1.7",
        },
      },
    },
  },
  ...(["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"] as const).map((kind) => ({
    name: `${kind}-generate-name`,
    object: {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind,
      metadata: { generateName: "hooks-" },
      webhooks: [
        { name: "\u212Aelvin.example.com", clientConfig: { service: { namespace: "hooks", name: "hooks" } } },
        { name: "by-url.example.com", clientConfig: { url: "https://hooks.example.com/\u212A" } },
      ],
    },
  })),
];
