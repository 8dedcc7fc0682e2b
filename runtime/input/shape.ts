// The types of the fields controls read, as the Kubernetes API defines them. A hand-written
// manifest can hold what the API server would reject (`containers: 5`, `env:` as a mapping,
// `privileged: "true"`); the engines cannot agree on such objects (iterating a mapping is an
// error in TypeScript and CEL, a loop over its values in Rego), so a scan checks the shape of
// every loaded object first, reports a malformed one as an error of every control that
// evaluates it, naming the field, and leaves it out of what cross-resource controls look up.
// Fields not listed here are not checked.
import { isQuantity, WORKLOAD_KINDS } from "../../dsl/index.js";

/** A value checked as a whole; `quantity` is `500m`, `1Gi` or a bare number; `object` any mapping. */
type LeafShape = "string" | "boolean" | "integer" | "quantity" | "object";

type Shape =
  | LeafShape
  | { readonly list: Shape }
  | { readonly map: Shape }
  | { readonly fields: Readonly<Record<string, Shape>> };

const strings: Shape = { list: "string" };
const stringMap: Shape = { map: "string" };
const metadata: Shape = {
  fields: {
    name: "string",
    namespace: "string",
    labels: stringMap,
    annotations: stringMap,
    ownerReferences: { list: "object" },
  },
};
const labelSelector: Shape = {
  fields: {
    matchLabels: stringMap,
    matchExpressions: { list: { fields: { key: "string", operator: "string", values: strings } } },
  },
};
const runAs = { runAsNonRoot: "boolean", runAsUser: "integer", runAsGroup: "integer" } as const;
/** What a container's and a pod's securityContext share besides the user and group. */
const confinement = {
  seccompProfile: { fields: { type: "string", localhostProfile: "string" } },
  seLinuxOptions: "object",
  windowsOptions: { fields: { gmsaCredentialSpecName: "string", runAsUserName: "string", hostProcess: "boolean" } },
} as const satisfies Readonly<Record<string, Shape>>;
const container: Shape = {
  fields: {
    name: "string",
    image: "string",
    imagePullPolicy: "string",
    command: strings,
    args: strings,
    env: {
      list: {
        fields: {
          name: "string",
          value: "string",
          valueFrom: { fields: { secretKeyRef: { fields: { name: "string" } } } },
        },
      },
    },
    envFrom: { list: { fields: { secretRef: { fields: { name: "string" } } } } },
    ports: {
      list: {
        fields: { containerPort: "integer", hostPort: "integer", protocol: "string", name: "string", hostIP: "string" },
      },
    },
    resources: { fields: { limits: { map: "quantity" }, requests: { map: "quantity" } } },
    volumeMounts: {
      list: {
        fields: { name: "string", mountPath: "string", readOnly: "boolean", subPath: "string", subPathExpr: "string" },
      },
    },
    livenessProbe: "object",
    readinessProbe: "object",
    securityContext: {
      fields: {
        ...runAs,
        privileged: "boolean",
        allowPrivilegeEscalation: "boolean",
        readOnlyRootFilesystem: "boolean",
        capabilities: { fields: { add: strings, drop: strings } },
        procMount: "string",
        ...confinement,
      },
    },
  },
};
const podSpec: Shape = {
  fields: {
    containers: { list: container },
    initContainers: { list: container },
    ephemeralContainers: { list: container },
    volumes: { list: { fields: { name: "string", hostPath: { fields: { path: "string" } } } } },
    hostNetwork: "boolean",
    hostPID: "boolean",
    hostIPC: "boolean",
    automountServiceAccountToken: "boolean",
    serviceAccountName: "string",
    serviceAccount: "string",
    nodeSelector: stringMap,
    os: { fields: { name: "string" } },
    securityContext: {
      fields: {
        ...runAs,
        ...confinement,
        fsGroup: "integer",
        fsGroupChangePolicy: "string",
        sysctls: { list: { fields: { name: "string", value: "string" } } },
        supplementalGroups: { list: "integer" },
      },
    },
  },
};
const podTemplate: Shape = { fields: { metadata, spec: podSpec } };
const controller: Shape = {
  fields: { metadata, spec: { fields: { selector: labelSelector, template: podTemplate } } },
};
const ingressBackend: Shape = {
  fields: {
    service: { fields: { name: "string", port: { fields: { name: "string", number: "integer" } } } },
    resource: "object",
  },
};
const gatewayRoute: Shape = {
  fields: {
    metadata,
    spec: {
      fields: {
        rules: {
          list: {
            fields: {
              backendRefs: {
                list: {
                  fields: { group: "string", kind: "string", name: "string", namespace: "string", port: "integer" },
                },
              },
            },
          },
        },
      },
    },
  },
};
const ciliumRule: Shape = {
  fields: {
    endpointSelector: labelSelector,
    nodeSelector: labelSelector,
    enableDefaultDeny: { fields: { ingress: "boolean", egress: "boolean" } },
    ingress: { list: "object" },
    ingressDeny: { list: "object" },
    egress: { list: "object" },
    egressDeny: { list: "object" },
  },
};
const ciliumPolicy: Shape = { fields: { metadata, spec: ciliumRule, specs: { list: ciliumRule } } };

const policyRules: Shape = {
  list: {
    fields: {
      verbs: strings,
      apiGroups: strings,
      resources: strings,
      resourceNames: strings,
      nonResourceURLs: strings,
    },
  },
};
const rbacRole: Shape = { fields: { metadata, rules: policyRules } };
const clusterRole: Shape = {
  fields: {
    metadata,
    rules: policyRules,
    aggregationRule: { fields: { clusterRoleSelectors: { list: labelSelector } } },
  },
};

const rbacBinding: Shape = {
  fields: {
    metadata,
    roleRef: { fields: { apiGroup: "string", kind: "string", name: "string" } },
    subjects: { list: { fields: { apiGroup: "string", kind: "string", name: "string", namespace: "string" } } },
  },
};

const admissionRules: Shape = {
  list: {
    fields: { apiGroups: strings, apiVersions: strings, operations: strings, resources: strings, scope: "string" },
  },
};
const webhookConfiguration: Shape = {
  fields: {
    metadata,
    webhooks: {
      list: {
        fields: {
          name: "string",
          rules: admissionRules,
          clientConfig: { fields: { url: "string", service: { fields: { namespace: "string", name: "string" } } } },
        },
      },
    },
  },
};

/** A cloud provider's description of a managed cluster (the fields controls read; see dsl ClusterDescription). */
const clusterDescribe: Shape = {
  fields: {
    metadata: { fields: { name: "string", provider: "string" } },
    data: {
      fields: {
        Cluster: {
          fields: {
            EncryptionConfig: { list: { fields: { Resources: strings } } },
            Logging: { fields: { ClusterLogging: { list: { fields: { Enabled: "boolean", Types: strings } } } } },
          },
        },
        cluster: {
          fields: {
            encryptionConfig: { list: { fields: { resources: strings } } },
            logging: { fields: { clusterLogging: { list: { fields: { enabled: "boolean", types: strings } } } } },
          },
        },
        logging_config: { fields: { component_config: { fields: { enable_components: strings } } } },
        pod_security_policy_config: { fields: { enabled: "boolean" } },
        current_master_version: "string",
        properties: {
          fields: {
            securityProfile: { fields: { azureKeyVaultKms: { fields: { enabled: "boolean" } } } },
            agentPoolProfiles: { list: { fields: { name: "string", enableEncryptionAtHost: "boolean" } } },
          },
        },
      },
    },
  },
};

const KIND_SHAPES: Readonly<Record<string, Shape>> = {
  ...Object.fromEntries(WORKLOAD_KINDS.map((kind) => [kind, controller])),
  Pod: { fields: { metadata, spec: podSpec } },
  Deployment: {
    fields: {
      metadata,
      spec: { fields: { selector: labelSelector, template: podTemplate, strategy: { fields: { type: "string" } } } },
    },
  },
  // A ReplicationController's selector is a plain label map, not a LabelSelector.
  ReplicationController: { fields: { metadata, spec: { fields: { selector: stringMap, template: podTemplate } } } },
  CronJob: {
    fields: {
      metadata,
      spec: {
        fields: {
          schedule: "string",
          jobTemplate: { fields: { metadata, spec: { fields: { selector: labelSelector, template: podTemplate } } } },
        },
      },
    },
  },
  Ingress: {
    fields: {
      metadata,
      spec: {
        fields: {
          defaultBackend: ingressBackend,
          rules: {
            list: { fields: { http: { fields: { paths: { list: { fields: { backend: ingressBackend } } } } } } },
          },
        },
      },
    },
  },
  HorizontalPodAutoscaler: {
    fields: { metadata, spec: { fields: { scaleTargetRef: { fields: { kind: "string", name: "string" } } } } },
  },
  HTTPRoute: gatewayRoute,
  TCPRoute: gatewayRoute,
  UDPRoute: gatewayRoute,
  CiliumNetworkPolicy: ciliumPolicy,
  CiliumClusterwideNetworkPolicy: ciliumPolicy,
  NetworkPolicy: {
    fields: {
      metadata,
      spec: {
        fields: {
          podSelector: labelSelector,
          policyTypes: strings,
          ingress: { list: "object" },
          egress: { list: "object" },
        },
      },
    },
  },
  ServiceAccount: { fields: { metadata, automountServiceAccountToken: "boolean" } },
  Service: {
    fields: {
      metadata,
      // A port's targetPort is a number or a name: not checked.
      spec: {
        fields: {
          type: "string",
          selector: stringMap,
          externalIPs: strings,
          ports: { list: { fields: { port: "integer", name: "string", protocol: "string" } } },
        },
      },
      status: {
        fields: { loadBalancer: { fields: { ingress: { list: { fields: { ip: "string", hostname: "string" } } } } } },
      },
    },
  },
  Node: { fields: { metadata, status: { fields: { nodeInfo: { fields: { kubeletVersion: "string" } } } } } },
  ConfigMap: { fields: { metadata, data: stringMap } },
  Secret: { fields: { metadata, data: stringMap, stringData: stringMap } },
  Role: rbacRole,
  ClusterRole: clusterRole,
  RoleBinding: rbacBinding,
  ClusterRoleBinding: rbacBinding,
  ClusterDescribe: clusterDescribe,
  ValidatingWebhookConfiguration: webhookConfiguration,
  MutatingWebhookConfiguration: webhookConfiguration,
  ValidatingAdmissionPolicy: {
    fields: { metadata, spec: { fields: { matchConstraints: { fields: { resourceRules: admissionRules } } } } },
  },
  ValidatingAdmissionPolicyBinding: {
    fields: { metadata, spec: { fields: { policyName: "string", validationActions: strings } } },
  },
};
const ANY_KIND: Shape = { fields: { metadata } };

/** The type of a value, never the value: a misplaced string may be a credential. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object" && value !== null) return "a mapping";
  return `a ${typeof value}`;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A field whose value does not have its API type. */
export interface ShapeProblem {
  /** Dotted, as violation paths are: `spec.containers[0].env`. */
  readonly path: string;
  /** `expected a list, found a mapping`. */
  readonly message: string;
}

/** A mismatch found below some value: the steps down to it (innermost first) and what was wrong. */
interface Mismatch {
  readonly steps: string[];
  readonly message: string;
}

function mismatch(what: string, value: unknown): Mismatch {
  return { steps: [], message: `expected ${what}, found ${describe(value)}` };
}

/** Prepends a step to a mismatch of a child (`.key` or `[key]`); paths are only built on failure. */
function below(found: Mismatch | undefined, step: string): Mismatch | undefined {
  found?.steps.push(step);
  return found;
}

/** What each leaf shape calls for, in words. */
const LEAF_WORDS = {
  string: "a string",
  boolean: "true or false",
  integer: "an integer",
  quantity: "a quantity (500m, 2, 1.5, 128Mi, 2Gi)",
  object: "a mapping",
} as const satisfies Record<LeafShape, string>;

/** What a shape calls for, in words. */
function expected(shape: Shape): string {
  if (typeof shape === "string") return LEAF_WORDS[shape];
  return "list" in shape ? "a list" : "a mapping";
}

function fitsLeaf(value: unknown, shape: LeafShape): boolean {
  switch (shape) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "integer":
      return Number.isInteger(value);
    case "quantity":
      // The API server trims a quantity string before parsing it.
      return typeof value === "number" || (typeof value === "string" && isQuantity(value.trim()));
    case "object":
      return isMapping(value);
  }
}

/** What `value` should be but is not; undefined when it fits (or is missing). Scans call this on every object. */
function check(value: unknown, shape: Shape): Mismatch | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof shape === "string") return fitsLeaf(value, shape) ? undefined : mismatch(expected(shape), value);
  if ("list" in shape) {
    if (!Array.isArray(value)) return mismatch(expected(shape), value);
    for (let index = 0; index < value.length; index++) {
      const found = below(element(value[index], shape.list), `[${index}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isMapping(value)) return mismatch(expected(shape), value);
  if ("map" in shape) {
    for (const key in value) {
      const found = below(check(value[key], shape.map), `[${key}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key in shape.fields) {
    const found = below(check(value[key], shape.fields[key] as Shape), `.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * An element of a list: as `check`, except that null is wrong. A field may be null (it is then
 * missing), but a list has no missing elements: `rules: [null]` or `verbs: [null]` would be read
 * as an empty rule or an empty verb by the API server, and as nothing by a scan.
 */
function element(value: unknown, shape: Shape): Mismatch | undefined {
  return value === null ? mismatch(expected(shape), value) : check(value, shape);
}

/** The first field of `object` whose type the API server would reject; undefined when none. */
export function shapeProblem(object: Readonly<Record<string, unknown>>): ShapeProblem | undefined {
  const found = check(object, KIND_SHAPES[object.kind as string] ?? ANY_KIND);
  if (found === undefined) return undefined;
  return { path: found.steps.reverse().join("").replace(/^\./, ""), message: found.message };
}

/**
 * The API type of the field at `segments` of an object of `kind`, where the shapes above know it:
 * `string`, `boolean`, `integer`, `quantity` or `object`; undefined for a field they do not list.
 */
export function fieldShape(kind: string, segments: readonly string[]): LeafShape | undefined {
  let shape: Shape | undefined = KIND_SHAPES[kind] ?? ANY_KIND;
  for (const segment of segments) {
    if (shape === undefined || typeof shape === "string") return undefined;
    shape =
      "list" in shape
        ? /^\d+$/.test(segment)
          ? shape.list
          : undefined
        : "map" in shape
          ? shape.map
          : shape.fields[segment];
  }
  return typeof shape === "string" ? shape : undefined;
}
