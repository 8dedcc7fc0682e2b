// A synthetic cluster dump (`kubectl get … -A -o json` shape: one List) with a realistic mix
// of workloads, services, RBAC, config maps and network policies; with `crossResource`, a cluster
// where the controls that look up other objects have the most to look up: many namespaces, and
// half the objects roles, bindings (of service accounts, users and groups) and network policies.

type Json = Record<string, unknown>;

function container(index: number, careful: boolean): Json {
  return {
    name: `app-${index}`,
    image: `registry.example.com/team/app-${index}:1.${index % 10}`,
    ports: [{ containerPort: 8080 + (index % 3), ...(index % 97 === 0 ? { hostPort: 8080 } : {}) }],
    env: [
      { name: "LOG_LEVEL", value: "info" },
      ...(index % 13 === 0 ? [{ name: "DB_PASSWORD", value: "hunter2" }] : []),
      { name: "API_TOKEN", valueFrom: { secretKeyRef: { name: "api", key: "token" } } },
    ],
    ...(careful
      ? {
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            capabilities: { drop: ["ALL"] },
          },
          resources: { limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "100m", memory: "128Mi" } },
        }
      : index % 11 === 0
        ? { securityContext: { privileged: true, capabilities: { add: ["NET_ADMIN", "SYS_ADMIN"] } } }
        : {}),
  };
}

function podSpec(index: number): Json {
  const careful = index % 3 !== 0;
  return {
    serviceAccountName: `sa-${index % 50}`,
    ...(index % 4 === 0 ? { automountServiceAccountToken: false } : {}),
    initContainers: index % 5 === 0 ? [{ name: "init", image: "busybox:1.36" }] : [],
    containers: [container(index, careful), ...(index % 2 === 0 ? [container(index + 1, careful)] : [])],
  };
}

function metadata(kind: string, index: number, namespace: string): Json {
  return { name: `${kind.toLowerCase()}-${index}`, namespace, labels: { app: `app-${index % 200}`, tier: "web" } };
}

const WORKLOADS: ReadonlyArray<[string, string]> = [
  ["Deployment", "apps/v1"],
  ["ReplicaSet", "apps/v1"],
  ["StatefulSet", "apps/v1"],
  ["DaemonSet", "apps/v1"],
  ["Job", "batch/v1"],
];

function object(index: number, namespaces: number): Json {
  const namespace = `team-${index % namespaces}`;
  const slot = index % 20;
  if (slot < 6) {
    return { apiVersion: "v1", kind: "Pod", metadata: metadata("Pod", index, namespace), spec: podSpec(index) };
  }
  if (slot < 10) {
    const [kind, apiVersion] = WORKLOADS[index % WORKLOADS.length] as [string, string];
    return {
      apiVersion,
      kind,
      metadata: metadata(kind, index, namespace),
      spec: {
        replicas: 1 + (index % 4),
        selector: { matchLabels: { app: `app-${index % 200}` } },
        template: { metadata: { labels: { app: `app-${index % 200}` } }, spec: podSpec(index) },
      },
    };
  }
  if (slot === 10) {
    return {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: metadata("CronJob", index, namespace),
      spec: { schedule: "0 * * * *", jobTemplate: { spec: { template: { spec: podSpec(index) } } } },
    };
  }
  if (slot < 13) {
    return {
      apiVersion: "v1",
      kind: "Service",
      metadata: metadata("Service", index, namespace),
      spec: { selector: { app: `app-${index % 200}` }, ports: [{ port: 80 }] },
    };
  }
  if (slot < 15) {
    return {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: metadata("ConfigMap", index, namespace),
      data: {
        "app.properties": "mode=production\n",
        ...(index % 7 === 0 ? { aws_secret_access_key: "AKIAIOSFODNN7EXAMPLE" } : {}),
      },
    };
  }
  if (slot === 15) {
    return {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: `sa-${index % 50}`, namespace },
      automountServiceAccountToken: index % 2 === 0 ? false : undefined,
    };
  }
  if (slot === 16) {
    return {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: metadata("Role", index, namespace),
      rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }],
    };
  }
  if (slot === 17) {
    return {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: metadata("RoleBinding", index, namespace),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: `role-${index - 1}` },
      subjects: [{ kind: "ServiceAccount", name: `sa-${index % 50}`, namespace }],
    };
  }
  if (slot === 18 && index % 3 === 0) {
    return {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: metadata("NetworkPolicy", index, namespace),
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    };
  }
  return { apiVersion: "v1", kind: "Namespace", metadata: { name: `${namespace}-${index}` } };
}

/**
 * Objects 4 to 9 of every ten of a cross-resource cluster: a Role, a binding of it (or of a
 * ClusterRole) to a service account, a user and a group, a ClusterRole and its binding, a network
 * policy selecting some pods, and a Namespace (one for every namespace used) or a ServiceAccount.
 */
function crossResourceObject(index: number, namespaces: number): Json {
  const namespace = `team-${index % namespaces}`;
  const rbac = { apiGroup: "rbac.authorization.k8s.io" };
  const group = "rbac.authorization.k8s.io/v1";
  const name = (kind: string, at: number) => `x-${kind.toLowerCase()}-${at}`;
  const rules = [
    { apiGroups: [""], resources: ["pods", "pods/exec"], verbs: index % 7 === 0 ? ["*"] : ["get", "create"] },
    { apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] },
  ];
  const subjects = [
    { kind: "ServiceAccount", name: `sa-${index % 50}`, namespace },
    { kind: "User", name: `user-${index % 300}`, ...rbac },
    { kind: "Group", name: `group-${index % 20}`, ...rbac },
  ];
  const labels = { app: `app-${index % 200}` };
  switch (index % 10) {
    case 4:
      return { apiVersion: group, kind: "Role", metadata: { name: name("Role", index), namespace, labels }, rules };
    case 5: {
      const roleRef =
        index % 3 === 0
          ? { ...rbac, kind: "ClusterRole", name: name("ClusterRole", index + 1) }
          : { ...rbac, kind: "Role", name: name("Role", index - 1) };
      return {
        apiVersion: group,
        kind: "RoleBinding",
        metadata: { name: name("RoleBinding", index), namespace },
        roleRef,
        subjects,
      };
    }
    case 6:
      return { apiVersion: group, kind: "ClusterRole", metadata: { name: name("ClusterRole", index) }, rules };
    case 7: {
      const roleRef = { ...rbac, kind: "ClusterRole", name: name("ClusterRole", index - 1) };
      return {
        apiVersion: group,
        kind: "ClusterRoleBinding",
        metadata: { name: name("ClusterRoleBinding", index) },
        roleRef,
        subjects,
      };
    }
    case 8:
      return {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: name("NetworkPolicy", index), namespace },
        spec: {
          podSelector: { matchLabels: labels },
          policyTypes: ["Ingress"],
          ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: namespace } } }] }],
        },
      };
    default: {
      const tenth = Math.floor(index / 10);
      return tenth < namespaces
        ? {
            apiVersion: "v1",
            kind: "Namespace",
            metadata: { name: `team-${tenth}`, labels: { team: `team-${tenth}` } },
          }
        : { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: name("ServiceAccount", index), namespace } };
    }
  }
}

export interface SyntheticOptions {
  /** Many namespaces (one per 20 objects), and 60% of the objects RBAC, network policies and namespaces. */
  readonly crossResource?: boolean;
}

export function syntheticCluster(count: number, options: SyntheticOptions = {}): Json {
  const cross = options.crossResource === true;
  const namespaces = cross ? Math.max(1, Math.ceil(count / 20)) : 40;
  // Objects 0 to 3 of every ten of a cross-resource cluster follow the usual mix, in its order.
  const item = (index: number) =>
    !cross
      ? object(index, namespaces)
      : index % 10 < 4
        ? object(Math.floor(index / 10) * 4 + (index % 10), namespaces)
        : crossResourceObject(index, namespaces);
  return { apiVersion: "v1", kind: "List", items: Array.from({ length: count }, (_, index) => item(index)) };
}
