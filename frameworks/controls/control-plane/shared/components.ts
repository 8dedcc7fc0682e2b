// The control-plane components and how a pod is recognised as running one, as Kubescape
// recognises it: a Pod of kube-system whose container runs the component's binary (the first
// element of its command), or whose container is named after the component in a pod labelled
// `component: <name>` (kubeadm's and RKE2's static pods carry both). And what a scan needs to
// judge these controls: pods of the component in its input.
import { type ContainerRef, containers, type InputObject, type KindMap, requirement } from "../../../../dsl/index.js";

export type Component = "kube-apiserver" | "kube-controller-manager" | "kube-scheduler" | "etcd";

const COMPONENTS: readonly Component[] = ["kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd"];

/** The container runs the component: its command starts with the binary (`etcd`, `/usr/local/bin/etcd`). */
function runsBinary(ref: ContainerRef, component: Component): boolean {
  const binary = ref.container.command?.[0];
  return binary !== undefined && (binary === component || binary.endsWith(`/${component}`));
}

/**
 * The containers of a pod that run a control-plane component, with their paths: none unless the
 * pod is in kube-system (where kubeadm, RKE2 and k3s run them as static pods).
 */
export function componentContainers(pod: KindMap["Pod"], component: Component): readonly ContainerRef[] {
  const labelled = pod.metadata?.labels?.component === component;
  return pod.metadata?.namespace === "kube-system"
    ? containers(pod).filter((ref) => runsBinary(ref, component) || (labelled && ref.container.name === component))
    : [];
}

/** Whether an input object is a pod running the component (any of them when undefined). */
function runs(object: InputObject, component: Component | undefined): boolean {
  if (object.kind !== "Pod") return false;
  const pod = object as unknown as KindMap["Pod"];
  return (component === undefined ? COMPONENTS : [component]).some(
    (wanted) => componentContainers(pod, wanted).length > 0,
  );
}

/** Any control-plane pod: a manifest folder or a managed cluster's objects have none. */
export const CONTROL_PLANE_PODS = requirement({
  name: "control-plane pods",
  missing: "no control-plane pods in the input",
  providedBy: (object) => runs(object, undefined),
});

function podsOf(component: Component) {
  return requirement({
    name: `${component} pods`,
    missing: `no ${component} pod in the input`,
    providedBy: (object) => runs(object, component),
    within: CONTROL_PLANE_PODS,
  });
}

export const API_SERVER_PODS = podsOf("kube-apiserver");
export const CONTROLLER_MANAGER_PODS = podsOf("kube-controller-manager");
export const SCHEDULER_PODS = podsOf("kube-scheduler");
/** etcd pods: a cluster with an external etcd has none, and its etcd controls say so. */
export const ETCD_PODS = podsOf("etcd");
