// CNIInfo: every file under the CNI configuration folder, and the names of the CNI agents
// running on the node. The folder is the kubelet's --cni-conf-dir, else the container runtime's
// (containerd's or CRI-O's configuration), else /etc/cni/net.d.
import type { NodeView } from "./context.js";
import { type CniData, defined } from "./facts.js";
import { CNI_CONFIG_DIR, CONTAINER_RUNTIME_CONFIGS } from "./paths.js";
import { executableName, findProcess, flagValue } from "./processes.js";
import { containerdCniDir, crioCniDir } from "./runtime-config.js";

/** Agent executables and the CNI names Kubescape's rules know them by (Calico first: Canal runs both). */
const CNI_AGENTS: ReadonlyArray<readonly [executable: string, name: string]> = [
  ["aws-k8s-agent", "aws"],
  ["calico-node", "Calico"],
  ["flanneld", "Flannel"],
  ["cilium-agent", "Cilium"],
  ["weave-net", "WeaveNet"],
  ["kindnetd", "Kindnet"],
  ["multus", "Multus"],
];

function runtimeConfigDir(view: NodeView): string | undefined {
  const crio = findProcess(view.processes, "crio");
  const crioFlag = crio === undefined ? undefined : flagValue(crio, "--cni-config-dir");
  if (crioFlag !== undefined && crioFlag !== "") return crioFlag;
  const containerdProcess = findProcess(view.processes, "containerd");
  const containerdFlag = containerdProcess === undefined ? undefined : flagValue(containerdProcess, "--config");
  const containerdConfig = containerdFlag || CONTAINER_RUNTIME_CONFIGS.containerd;
  const containerd = view.host.text(containerdConfig, 1024 * 1024);
  const fromContainerd = containerd === undefined ? undefined : containerdCniDir(containerd);
  if (fromContainerd !== undefined) return fromContainerd;
  const crioConfig = view.host.text(CONTAINER_RUNTIME_CONFIGS.crio, 1024 * 1024);
  return crioConfig === undefined ? undefined : crioCniDir(crioConfig);
}

export function cniConfigDir(view: NodeView): string {
  const kubelet = findProcess(view.processes, "kubelet");
  const fromKubelet = kubelet === undefined ? undefined : flagValue(kubelet, "--cni-conf-dir");
  if (fromKubelet !== undefined && fromKubelet !== "") return fromKubelet;
  return runtimeConfigDir(view) ?? CNI_CONFIG_DIR;
}

export function cniNames(view: NodeView): string[] {
  const running = new Set(view.processes.map(executableName));
  return CNI_AGENTS.filter(([executable]) => running.has(executable)).map(([, name]) => name);
}

/** Undefined on a node with no kubelet, no CNI folder and no CNI agent. */
export function cniData(view: NodeView): CniData | undefined {
  const files = view.files.tree(cniConfigDir(view));
  const names = cniNames(view);
  const kubelet = findProcess(view.processes, "kubelet");
  if (kubelet === undefined && files === undefined && names.length === 0) return undefined;
  return defined({
    CNIConfigFiles: files === undefined || files.length === 0 ? undefined : files,
    CNINames: names.length === 0 ? undefined : names,
  });
}
