// A ValidatingAdmissionPolicy and its Binding for one control, or the reason CEL cannot
// express the control. The policy computes the control's violations once (a variable) and
// denies when there is any, with a message naming the object and each violation.
import { DEFAULT_PROTOCOL } from "../../../dsl/ports.js";
import type { ControlIr } from "../../frontend/control-module.js";
import type { SourcePosition } from "../../ir/build.js";
import { variableNames } from "../../ir/walk.js";
import {
  type AdmissionOptions,
  type Exemption,
  fullMatchPattern,
  kindsByGroup,
  managedByLabels,
  type ObjectPattern,
  policyName,
  validationActionsFor,
} from "../admission.js";
import { celString } from "./escape.js";
import { CelExpressions, NotExpressible, type PolicyVariable } from "./expressions.js";
import { type CelFeature, type KubernetesVersion, supports } from "./features.js";
import { listOrEmpty } from "./helpers.js";
import { KIND_RESOURCES } from "./resources.js";

export const PARAM_API_VERSION = "rampart.dev/v1alpha1";
export const PARAM_KIND = "ControlInputs";
export const PARAM_NAME = "rampart-control-inputs";

export type PolicyOutcome =
  | {
      readonly expressible: true;
      readonly policy: PolicyDocument;
      readonly binding: BindingDocument;
      readonly features: readonly CelFeature[];
    }
  | { readonly expressible: false; readonly reason: string; readonly at: SourcePosition | undefined };

// The documents are plain JSON objects in the shape of the Kubernetes API.
export type PolicyDocument = Record<string, unknown> & { spec: PolicySpec };
export type BindingDocument = Record<string, unknown>;
interface PolicySpec {
  variables: Array<{ name: string; expression: string }>;
  validations: Array<{ expression: string; messageExpression: string; reason: string }>;
  [key: string]: unknown;
}

/** Definitions of the shared variables, in an order where each only uses earlier ones. */
const SHARED_VARIABLES: ReadonlyArray<[PolicyVariable, string]> = [
  [
    "podSpec",
    byKind(
      "object.?spec",
      "object.?spec.?jobTemplate.?spec.?template.?spec",
      "object.?spec.?template.?spec",
      ".orValue(null)",
    ),
  ],
  [
    "podSpecPath",
    'object.kind == "Pod" ? "spec" : object.kind == "CronJob" ? "spec.jobTemplate.spec.template.spec" : "spec.template.spec"',
  ],
  [
    "podMetadata",
    byKind(
      "object.?metadata",
      "object.?spec.?jobTemplate.?spec.?template.?metadata",
      "object.?spec.?template.?metadata",
      ".orValue(null)",
    ),
  ],
  ["containerRefs", containerRefs("containers", "container")],
  ["initContainerRefs", containerRefs("initContainers", "initContainer")],
  ["ephemeralContainerRefs", containerRefs("ephemeralContainers", "ephemeralContainer")],
  ["containerPortRefs", portRefs("containerRefs")],
  ["initContainerPortRefs", portRefs("initContainerRefs")],
  ["ephemeralContainerPortRefs", portRefs("ephemeralContainerRefs")],
];

/** Each shared variable with those its definition reads (`variables.<name>`). */
const SHARED_VARIABLE_USES: ReadonlyMap<PolicyVariable, readonly PolicyVariable[]> = new Map(
  SHARED_VARIABLES.map(([name, expression]) => {
    const read = new Set([...expression.matchAll(/\bvariables\.(\w+)/g)].map((match) => match[1]));
    return [name, SHARED_VARIABLES.map(([other]) => other).filter((other) => read.has(other))];
  }),
);

/** The shared variables a policy defines: those its CEL reads, and those they read, in definition order. */
function sharedVariables(read: ReadonlySet<PolicyVariable>): Array<{ name: string; expression: string }> {
  const needed = new Set(read);
  const pending = [...read];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    for (const used of SHARED_VARIABLE_USES.get(name) ?? []) {
      if (!needed.has(used)) pending.push(used);
      needed.add(used);
    }
  }
  return SHARED_VARIABLES.filter(([name]) => needed.has(name)).map(([name, expression]) => ({ name, expression }));
}

function byKind(pod: string, cronJob: string, template: string, suffix: string): string {
  return `object.kind == "Pod" ? ${pod}${suffix} : object.kind == "CronJob" ? ${cronJob}${suffix} : ${template}${suffix}`;
}

/** The containers of one list of the pod spec, each with its path and type. */
function containerRefs(field: string, type: string): string {
  return `${listOrEmpty("variables.podSpec", field)}.transformList(i, c, {"container": dyn(c), "path": dyn(variables.podSpecPath + ".${field}[" + string(i) + "]"), "type": dyn("${type}")})`;
}

/**
 * The ports of the containers of one of the container lists, as dsl/ports.ts reads them: protocol
 * TCP when unset or empty; a hostPort of 0 and an empty name or hostIP unset (null). A typed
 * object has no zero hostPort, protocol, name or hostIP (the API server drops them) but a scanned
 * manifest may, so both are handled.
 */
function portRefs(containerList: PolicyVariable): string {
  const unsetWhen = (field: string, zero: string) =>
    `p.?${field}.orValue(null) == null || p.${field} == ${zero} ? dyn(null) : p.${field}`;
  const port = [
    `"containerPort": dyn(p.?containerPort.orValue(null))`,
    `"hostPort": dyn(${unsetWhen("hostPort", "0")})`,
    `"protocol": dyn(p.?protocol.orValue(null) == null || p.protocol == "" ? ${celString(DEFAULT_PROTOCOL)} : p.protocol)`,
    `"name": dyn(${unsetWhen("name", '""')})`,
    `"hostIP": dyn(${unsetWhen("hostIP", '""')})`,
  ].join(", ");
  const ref = `{"port": dyn({${port}}), "path": dyn(c.path + ".ports[" + string(j) + "]"), "container": dyn(c.container), "containerPath": dyn(c.path), "type": dyn(c.type)}`;
  return `variables.${containerList}.map(c, ${listOrEmpty("c.container", "ports")}.transformList(j, p, ${ref})).flatten()`;
}

/**
 * The admission message: `<ID> <name>: <Kind> <object name>: <violation>; <violation>`, the
 * violations sorted (a map's iteration order is random in the API server) where the target has
 * the lists extension (1.35).
 * runtime/admission/message.ts builds the same text from the TypeScript check's violations.
 */
function messageExpression(control: ControlIr, version: KubernetesVersion): string {
  const prefix = celString(`${control.metadata.id} ${control.metadata.name}: `);
  const messages = `variables.violations.map(v, string(v.message))${supports(version, "listsExtension") ? ".sort()" : ""}`;
  return `${prefix} + object.kind + " " + object.metadata.?name.orValue(object.metadata.?generateName.orValue("")) + ": " + ${messages}.join("; ")`;
}

/** `value` (a CEL string expression) fully matches the RE2 `pattern`. */
function fullMatch(value: string, pattern: string): string {
  return `${value}.matches(${celString(fullMatchPattern(pattern))})`;
}

/** True for an object the pattern describes. */
function objectPatternCel(pattern: ObjectPattern): string {
  const terms = [
    ...(pattern.kind === undefined ? [] : [fullMatch("object.kind", pattern.kind)]),
    ...(pattern.name === undefined ? [] : [fullMatch('object.metadata.?name.orValue("")', pattern.name)]),
    ...(pattern.namespace === undefined ? [] : [fullMatch("request.namespace", pattern.namespace)]),
    ...pattern.labels.map(
      ([key, value]) =>
        `object.metadata.?labels[?${celString(key)}].orValue(null) != null && ${fullMatch(`object.metadata.labels[${celString(key)}]`, value)}`,
    ),
  ];
  return terms.length === 0 ? "true" : terms.join(" && ");
}

/** A matchCondition per exemption: the policy does not apply to the objects it describes. */
function exemptionConditions(exemptions: readonly Exemption[]): Array<{ name: string; expression: string }> {
  return exemptions.map((exemption, index) => ({
    name: `rampart-exception-${index + 1}`,
    expression: `!(${exemption.objects.map((pattern) => `(${objectPatternCel(pattern)})`).join(" || ")})`,
  }));
}

function namespaceSelector(namespaces: AdmissionOptions["namespaces"]) {
  const expressions = [
    ...(namespaces?.include === undefined
      ? []
      : [{ key: NAMESPACE_LABEL, operator: "In", values: [...namespaces.include] }]),
    ...(namespaces?.exclude === undefined || namespaces.exclude.length === 0
      ? []
      : [{ key: NAMESPACE_LABEL, operator: "NotIn", values: [...namespaces.exclude] }]),
  ];
  return expressions.length === 0 ? undefined : { matchExpressions: expressions };
}

/** The label the API server sets on every namespace. */
const NAMESPACE_LABEL = "kubernetes.io/metadata.name";

export function admissionPolicy(
  control: ControlIr,
  version: KubernetesVersion,
  options: AdmissionOptions = {},
  frameworks: readonly string[] = [],
): PolicyOutcome {
  const names = [control.body, ...control.functions.map((fn) => fn.body)].flatMap((root) => [...variableNames(root)]);
  const printer = new CelExpressions(control.objectVariable, control.functions, version, [
    control.objectVariable,
    ...control.functions.flatMap((fn) => fn.params),
    ...names,
  ]);
  let violations: string;
  try {
    violations = printer.print(control.body);
  } catch (error) {
    if (!(error instanceof NotExpressible)) throw error;
    return { expressible: false, reason: error.message, at: control.sourceMap.get(error.node.id) };
  }
  const name = policyName(control.metadata.id);
  const variables = sharedVariables(printer.usedVariables);
  variables.push({ name: "violations", expression: violations });
  const usesInputs = control.metadata.inputs.length > 0 || Object.keys(control.metadata.parameters).length > 0;
  const exemptions = options.exemptions?.({ id: control.metadata.id, name: control.metadata.name, frameworks }) ?? [];
  const selector = namespaceSelector(options.namespaces);
  const policy: PolicyDocument = {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "ValidatingAdmissionPolicy",
    metadata: {
      name,
      labels: managedByLabels(),
      annotations: {
        "rampart.dev/control-id": control.metadata.id,
        "rampart.dev/control-name": control.metadata.name,
        "rampart.dev/kubernetes-version": `1.${version.minor}`,
        "rampart.dev/source": control.file,
      },
    },
    spec: {
      failurePolicy: "Fail",
      ...(usesInputs ? { paramKind: { apiVersion: PARAM_API_VERSION, kind: PARAM_KIND } } : {}),
      matchConstraints: { resourceRules: resourceRules(control) },
      ...(exemptions.length === 0 ? {} : { matchConditions: exemptionConditions(exemptions) }),
      variables,
      validations: [
        {
          expression: "size(variables.violations) == 0",
          messageExpression: messageExpression(control, version),
          reason: "Forbidden",
        },
      ],
    },
  };
  const binding: BindingDocument = {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "ValidatingAdmissionPolicyBinding",
    metadata: { name, labels: managedByLabels() },
    spec: {
      policyName: name,
      validationActions: [...validationActionsFor(control.metadata, options)],
      ...(usesInputs ? { paramRef: { name: PARAM_NAME, parameterNotFoundAction: "Deny" } } : {}),
      ...(selector === undefined ? {} : { matchResources: { namespaceSelector: selector } }),
    },
  };
  return { expressible: true, policy, binding, features: [...printer.usedFeatures].sort() };
}

/** One rule per API group, CREATE and UPDATE; pods also through their ephemeralcontainers subresource. */
function resourceRules(control: ControlIr): unknown[] {
  return [...kindsByGroup(control.metadata.kinds)].map(([group, kinds]) => ({
    apiGroups: [group],
    apiVersions: [...new Set(kinds.map((kind) => KIND_RESOURCES[kind].version))],
    operations: ["CREATE", "UPDATE"],
    resources: kinds.flatMap((kind) => {
      const { resource } = KIND_RESOURCES[kind];
      return resource === "pods" ? [resource, "pods/ephemeralcontainers"] : [resource];
    }),
  }));
}
