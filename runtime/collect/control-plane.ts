// ControlPlaneInfo: the API server, controller manager and scheduler (their static pod manifest,
// kubeconfig and command line, when the process runs here), the API server's encryption
// configuration (keys removed) and audit policy, etcd's manifest and data folder, admin.conf
// and the PKI folder with every file under it. A node with none of these is not a control-plane
// node: no object, as Kubescape's host scanner answers.
import { type NodeView, processRoot } from "./context.js";
import { type ApiServerInfo, type ControlPlaneData, defined, type FileInfo, type ProcessInfo } from "./facts.js";
import { ETCD_DATA_DIRS, KUBECONFIGS, MANIFESTS, PKI_DIRS } from "./paths.js";
import { commandLine, findProcess, flagValue, type NodeProcess } from "./processes.js";
import { redactEncryptionConfig } from "./redact.js";

/** A file a flag of the process names (as the process sees it), else the first of the usual places. */
function namedOrUsual(
  view: NodeView,
  process: NodeProcess | undefined,
  flag: string,
  usual: readonly string[],
): FileInfo | undefined {
  const named = process === undefined ? undefined : flagValue(process, flag);
  if (process !== undefined && named !== undefined && named !== "")
    return view.files.file(named, { within: processRoot(view, process) });
  return view.files.firstOf(usual);
}

function apiServer(view: NodeView, process: NodeProcess): ApiServerInfo {
  const within = processRoot(view, process);
  const encryption = flagValue(process, "--encryption-provider-config");
  const audit = flagValue(process, "--audit-policy-file");
  return defined({
    encryptionProviderConfigFile: encryption
      ? view.files.file(encryption, { within, content: { transform: redactEncryptionConfig } })
      : undefined,
    auditPolicyFile: audit ? view.files.file(audit, { within, content: {} }) : undefined,
    specsFile: view.files.firstOf(MANIFESTS.apiServer),
    cmdLine: commandLine(process),
  });
}

function component(
  view: NodeView,
  process: NodeProcess,
  manifests: readonly string[],
  kubeconfigs: readonly string[],
): ProcessInfo {
  return defined({
    specsFile: view.files.firstOf(manifests),
    configFile: namedOrUsual(view, process, "--kubeconfig", kubeconfigs),
    cmdLine: commandLine(process),
  });
}

export function controlPlaneData(view: NodeView): ControlPlaneData | undefined {
  const find = (name: string) => findProcess(view.processes, name);
  const apiProcess = find("kube-apiserver");
  const controllerManager = find("kube-controller-manager");
  const scheduler = find("kube-scheduler");
  const etcd = find("etcd");
  const pkiDir = view.files.firstOf(PKI_DIRS);
  const data = defined({
    APIServerInfo: apiProcess === undefined ? undefined : apiServer(view, apiProcess),
    controllerManagerInfo:
      controllerManager === undefined
        ? undefined
        : component(view, controllerManager, MANIFESTS.controllerManager, KUBECONFIGS.controllerManager),
    schedulerInfo:
      scheduler === undefined ? undefined : component(view, scheduler, MANIFESTS.scheduler, KUBECONFIGS.scheduler),
    etcdConfigFile: view.files.firstOf(MANIFESTS.etcd),
    etcdDataDir: namedOrUsual(view, etcd, "--data-dir", ETCD_DATA_DIRS),
    adminConfigFile: view.files.firstOf(KUBECONFIGS.admin),
    PKIDir: pkiDir,
    PKIFiles: pkiDir === undefined ? undefined : view.files.tree(pkiDir.path),
  });
  const isControlPlane =
    data.APIServerInfo !== undefined ||
    data.controllerManagerInfo !== undefined ||
    data.schedulerInfo !== undefined ||
    data.etcdConfigFile !== undefined ||
    data.etcdDataDir !== undefined ||
    data.adminConfigFile !== undefined;
  return isControlPlane ? data : undefined;
}
