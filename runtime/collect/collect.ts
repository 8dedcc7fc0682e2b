// `rampart collect node` as a library: reads a node (its root at --host-root) and returns its
// node fact objects, with the record of what was missing or unreadable. Never throws for what
// the node holds; the one precondition is that the root is a folder.
import { hostname } from "node:os";
import { readAccounts } from "./accounts.js";
import { cloudProviderData, type METADATA_ENDPOINTS } from "./cloud.js";
import { cniData } from "./cni.js";
import type { NodeView } from "./context.js";
import { controlPlaneData } from "./control-plane.js";
import { NODE_FACT_KINDS, type NodeFact, nodeFact } from "./facts.js";
import { FileFacts, Gaps } from "./file-facts.js";
import { HostFs } from "./host-fs.js";
import { kubeProxyData } from "./kube-proxy.js";
import { kubeletData } from "./kubelet.js";
import { executableName, readProcesses } from "./processes.js";

/** The processes whose command lines the collector reads. */
export const COMPONENTS = [
  "kubelet",
  "kube-apiserver",
  "kube-controller-manager",
  "kube-scheduler",
  "etcd",
  "kube-proxy",
] as const;

export interface CollectOptions {
  readonly hostRoot: string;
  readonly nodeName: string;
  /** Ask the cloud instance metadata API (cloudProviderInfo); endpoints replaceable for tests. */
  readonly cloudMetadata?: { readonly endpoints?: typeof METADATA_ENDPOINTS; readonly timeoutMs?: number };
}

export interface NodeCollection {
  readonly nodeName: string;
  readonly objects: readonly NodeFact[];
  /** Node paths looked for and absent, sorted. */
  readonly missing: readonly string[];
  /** Node paths present but not (fully) readable → why, sorted by path. */
  readonly unreadable: Readonly<Record<string, string>>;
  /** The Kubernetes components running on the node → their pid. */
  readonly running: Readonly<Record<string, number>>;
}

export async function collectNode(options: CollectOptions): Promise<NodeCollection> {
  const host = new HostFs(options.hostRoot);
  const gaps = new Gaps();
  const processes = readProcesses(host);
  const view: NodeView = { host, files: new FileFacts(host, readAccounts(host), gaps), processes };
  const name = options.nodeName;
  const objects: NodeFact[] = [];
  const controlPlane = controlPlaneData(view);
  if (controlPlane !== undefined) objects.push(nodeFact(NODE_FACT_KINDS.controlPlane, name, controlPlane));
  const kubelet = kubeletData(view);
  if (kubelet !== undefined) objects.push(nodeFact(NODE_FACT_KINDS.kubelet, name, kubelet));
  const kubeProxy = kubeProxyData(view);
  if (kubeProxy !== undefined) objects.push(nodeFact(NODE_FACT_KINDS.kubeProxy, name, kubeProxy));
  const cni = cniData(view);
  if (cni !== undefined) objects.push(nodeFact(NODE_FACT_KINDS.cni, name, cni));
  if (options.cloudMetadata !== undefined) {
    const cloud = await cloudProviderData(options.cloudMetadata.endpoints, options.cloudMetadata.timeoutMs);
    objects.push(nodeFact(NODE_FACT_KINDS.cloudProvider, name, cloud));
  }
  const running: Record<string, number> = {};
  for (const component of COMPONENTS) {
    const process = processes.find((entry) => executableName(entry) === component);
    if (process !== undefined) running[component] = process.pid;
  }
  return {
    nodeName: name,
    objects,
    missing: [...gaps.missing].sort(),
    unreadable: Object.fromEntries([...gaps.unreadable].sort(([a], [b]) => a.localeCompare(b))),
    running,
  };
}

/** Annotations of the List the collector writes: what it could not gather, what runs. */
export const COLLECT_ANNOTATIONS = {
  nodeName: "rampart.dev/node-name",
  missing: "rampart.dev/missing-files",
  unreadable: "rampart.dev/unreadable-files",
  running: "rampart.dev/running-components",
} as const;

/** One List per node: the node fact objects, and in its annotations what was missing or unreadable. */
export function collectionDocument(collection: NodeCollection): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "List",
    metadata: {
      annotations: {
        [COLLECT_ANNOTATIONS.nodeName]: collection.nodeName,
        [COLLECT_ANNOTATIONS.missing]: JSON.stringify(collection.missing),
        [COLLECT_ANNOTATIONS.unreadable]: JSON.stringify(collection.unreadable),
        [COLLECT_ANNOTATIONS.running]: JSON.stringify(collection.running),
      },
    },
    items: collection.objects,
  };
}

/**
 * The node's name when --node-name is not given: NODE_NAME (the DaemonSet sets it from
 * spec.nodeName), else the host's hostname (its /etc/hostname under another root).
 */
export function defaultNodeName(env: NodeJS.ProcessEnv, hostRoot: string): string {
  const fromEnv = env.NODE_NAME?.trim();
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  if (hostRoot !== "/") {
    const fromFile = new HostFs(hostRoot).text("/etc/hostname", 4096)?.trim().split("\n")[0]?.trim();
    if (fromFile !== undefined && fromFile !== "") return fromFile;
  }
  return hostname();
}
