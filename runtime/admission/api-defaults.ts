// The defaults the API server gives a pod spec before admission runs, so that `rampart admit`
// reviews what a cluster's policies would review. Restated from Kubernetes 1.35
// (pkg/apis/core/v1/defaults.go: SetDefaults_Pod, SetDefaults_PodSpec, SetDefaults_Container and
// the declarative default of ContainerPort.protocol; batch/v1 SetDefaults_Job's labels; conversion.go: serviceAccount, the deprecated
// alias of serviceAccountName; the ServiceAccount admission plugin's `default` account of Pods). The one seen to change a verdict of the
// built-in policies: under `hostNetwork: true`, every port of a Pod's containers and init
// containers without a hostPort gets hostPort = containerPort (C-0044 then refuses the Pod).
// Pod templates get the pod spec and container defaults only, as in Kubernetes (the hostPort
// default of templates is behind a feature gate that is off by default). Admission plugins that
// read other objects (LimitRanger; the ServiceAccount plugin's token volume) are not restated.
import { parseImage } from "../../dsl/index.js";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** kubelet's pull policy default: Always for `:latest` (or no tag and no digest), else IfNotPresent. */
function pullPolicy(image: unknown): string {
  const reference = typeof image === "string" && image !== "" ? parseImage(image) : undefined;
  const tag = reference?.tag ?? (reference !== undefined && reference.digest === undefined ? "latest" : undefined);
  return tag === "latest" ? "Always" : "IfNotPresent";
}

function defaultContainer(container: Json): void {
  container.imagePullPolicy ??= pullPolicy(container.image);
  container.terminationMessagePath ??= "/dev/termination-log";
  container.terminationMessagePolicy ??= "File";
  for (const port of list(container.ports)) port.protocol ??= "TCP";
}

/**
 * The deprecated `serviceAccount` is an alias of `serviceAccountName` (core/v1 conversion): the
 * new field wins when both are set, and the object admission sees carries the name in both.
 */
function aliasServiceAccount(spec: Json): void {
  const name =
    typeof spec.serviceAccountName === "string" && spec.serviceAccountName !== ""
      ? spec.serviceAccountName
      : spec.serviceAccount;
  if (typeof name === "string" && name !== "") {
    spec.serviceAccountName = name;
    spec.serviceAccount = name;
  }
}

function defaultPodSpec(spec: Json): void {
  spec.dnsPolicy ??= "ClusterFirst";
  spec.restartPolicy ??= "Always";
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= "default-scheduler";
  for (const field of ["containers", "initContainers", "ephemeralContainers"]) {
    for (const container of list(spec[field])) defaultContainer(container);
  }
}

/**
 * What only Pods get: requests from limits, service links, host network ports (SetDefaults_Pod),
 * and the `default` service account when none is named (the ServiceAccount admission plugin).
 */
function defaultPod(spec: Json): void {
  if (typeof spec.serviceAccountName !== "string" || spec.serviceAccountName === "")
    spec.serviceAccountName = "default";
  for (const container of [...list(spec.containers), ...list(spec.initContainers)]) {
    const resources = isObject(container.resources) ? container.resources : undefined;
    if (resources !== undefined && isObject(resources.limits)) {
      const requests = isObject(resources.requests) ? resources.requests : {};
      for (const [name, value] of Object.entries(resources.limits)) requests[name] ??= value;
      resources.requests = requests;
    }
  }
  spec.enableServiceLinks ??= true;
  if (spec.hostNetwork === true) {
    for (const container of [...list(spec.containers), ...list(spec.initContainers)]) {
      for (const port of list(container.ports)) {
        if (port.hostPort === undefined || port.hostPort === null || port.hostPort === 0)
          port.hostPort = port.containerPort;
      }
    }
  }
}

/** The pod spec of a workload kind, for defaulting; undefined for other kinds. */
function podSpecOf(object: Json): Json | undefined {
  const spec = isObject(object.spec) ? object.spec : undefined;
  switch (object.kind) {
    case "Pod":
      return spec;
    case "CronJob": {
      const jobTemplate = isObject(spec?.jobTemplate) ? spec.jobTemplate : undefined;
      const jobSpec = isObject(jobTemplate?.spec) ? jobTemplate.spec : undefined;
      const template = isObject(jobSpec?.template) ? jobSpec.template : undefined;
      return isObject(template?.spec) ? template.spec : undefined;
    }
    case "Deployment":
    case "ReplicaSet":
    case "DaemonSet":
    case "StatefulSet":
    case "Job":
    case "ReplicationController": {
      const template = isObject(spec?.template) ? spec.template : undefined;
      return isObject(template?.spec) ? template.spec : undefined;
    }
    default:
      return undefined;
  }
}

/** A copy of `object` with the API server's pod defaults applied; other kinds come back unchanged. */
export function withApiDefaults<T extends Json>(object: T): T {
  if (podSpecOf(object) === undefined) return object;
  const copy = structuredClone(object);
  const spec = podSpecOf(copy) as Json;
  defaultPodSpec(spec);
  aliasServiceAccount(spec);
  if (copy.kind === "Pod") {
    defaultPod(spec);
    aliasServiceAccount(spec);
  }
  if (copy.kind === "Job") defaultJobLabels(copy);
  return copy;
}

/** A Job without labels of its own takes its pod template's (batch/v1 SetDefaults_Job). */
function defaultJobLabels(job: Json): void {
  const spec = isObject(job.spec) ? job.spec : undefined;
  const template = isObject(spec?.template) ? spec.template : undefined;
  const templateLabels = isObject(template?.metadata) ? template.metadata.labels : undefined;
  if (!isObject(templateLabels)) return;
  const metadata = isObject(job.metadata) ? job.metadata : {};
  if (isObject(metadata.labels) && Object.keys(metadata.labels).length > 0) return;
  job.metadata = { ...metadata, labels: { ...templateLabels } };
}
