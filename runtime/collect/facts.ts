// The node fact objects `rampart collect node` writes, in the shape of Kubescape's host scanner
// (apiVersion hostdata.kubescape.cloud/v1beta0), so that a scan reads them as it reads
// Kubescape's: the same kinds, field names and nesting. Only the fields are ours to fill.

export const HOST_DATA_API_VERSION = "hostdata.kubescape.cloud/v1beta0";

export const NODE_FACT_KINDS = {
  controlPlane: "ControlPlaneInfo",
  kubelet: "KubeletInfo",
  kubeProxy: "KubeProxyInfo",
  cni: "CNIInfo",
  cloudProvider: "cloudProviderInfo",
} as const;

export type NodeFactKind = (typeof NODE_FACT_KINDS)[keyof typeof NODE_FACT_KINDS];

/** Owner of a file: ids from the inode, names from the host's /etc/passwd and /etc/group ("" when not listed). */
export interface FileOwnership {
  readonly uid: number;
  readonly gid: number;
  readonly username: string;
  readonly groupname: string;
}

/** One file or folder of the node. */
export interface FileInfo {
  readonly ownership: FileOwnership;
  /** The path on the node (never the collector's view of it under --host-root). */
  readonly path: string;
  /** The file's content, base64 (only for the files whose content a control reads). */
  readonly content?: string;
  /** The permission bits (mode & 0o777) as a decimal number: 0o600 is 384. */
  readonly permissions: number;
}

/** A Kubernetes process of the node: its files and its command line (arguments joined by spaces). */
export interface ProcessInfo {
  readonly specsFile?: FileInfo;
  readonly configFile?: FileInfo;
  readonly kubeConfigFile?: FileInfo;
  readonly clientCAFile?: FileInfo;
  readonly cmdLine: string;
}

export interface ApiServerInfo extends ProcessInfo {
  readonly encryptionProviderConfigFile?: FileInfo;
  readonly auditPolicyFile?: FileInfo;
}

export interface ControlPlaneData {
  readonly APIServerInfo?: ApiServerInfo;
  readonly controllerManagerInfo?: ProcessInfo;
  readonly schedulerInfo?: ProcessInfo;
  readonly etcdConfigFile?: FileInfo;
  readonly etcdDataDir?: FileInfo;
  readonly adminConfigFile?: FileInfo;
  readonly PKIDir?: FileInfo;
  readonly PKIFiles?: readonly FileInfo[];
}

export interface KubeletData extends ProcessInfo {
  readonly serviceFiles?: readonly FileInfo[];
}

export interface KubeProxyData {
  readonly kubeConfigFile?: FileInfo;
  readonly cmdLine: string;
}

export interface CniData {
  readonly CNIConfigFiles?: readonly FileInfo[];
  readonly CNINames?: readonly string[];
}

export interface CloudProviderData {
  /** Present (true) only when an instance metadata API answered; absent otherwise, as Kubescape writes it. */
  readonly providerMetaDataAPIAccess?: true;
}

export interface NodeFact<Data = unknown> {
  readonly apiVersion: typeof HOST_DATA_API_VERSION;
  readonly kind: NodeFactKind;
  readonly metadata: { readonly name: string };
  readonly data: Data;
}

export function nodeFact<Data>(kind: NodeFactKind, nodeName: string, data: Data): NodeFact<Data> {
  return { apiVersion: HOST_DATA_API_VERSION, kind, metadata: { name: nodeName }, data };
}

/** Drops the keys whose value is undefined (the fields Kubescape omits when it has nothing). */
export function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
