// KubeProxyInfo: the running kube-proxy's command line and kubeconfig. The kubeconfig is the one
// --kubeconfig names, else the one its --config file names (clientConnection.kubeconfig, how
// kubeadm runs it), else the usual places. No kube-proxy process, no object.
import { parse } from "yaml";
import { type NodeView, processRoot } from "./context.js";
import type { KubeProxyData } from "./facts.js";
import { defined } from "./facts.js";
import { KUBECONFIGS } from "./paths.js";
import { commandLine, findProcess, flagValue, type NodeProcess } from "./processes.js";

/** clientConnection.kubeconfig of the KubeProxyConfiguration the process reads, if any. */
function kubeconfigFromConfig(view: NodeView, process: NodeProcess, within: string): string | undefined {
  const config = flagValue(process, "--config");
  if (config === undefined || config === "") return undefined;
  let resolved = view.host.resolve(config, within);
  if (resolved.state !== "found") resolved = view.host.resolve(config);
  if (resolved.state !== "found") return undefined;
  const text = view.host.read(resolved.value, 256 * 1024);
  if (text.state !== "found") return undefined;
  try {
    const parsed = parse(text.value.toString("utf8")) as { clientConnection?: { kubeconfig?: unknown } } | null;
    const kubeconfig = parsed?.clientConnection?.kubeconfig;
    return typeof kubeconfig === "string" && kubeconfig !== "" ? kubeconfig : undefined;
  } catch {
    return undefined;
  }
}

export function kubeProxyData(view: NodeView): KubeProxyData | undefined {
  const process = findProcess(view.processes, "kube-proxy");
  if (process === undefined) return undefined;
  const within = processRoot(view, process);
  const named = flagValue(process, "--kubeconfig") || kubeconfigFromConfig(view, process, within);
  return defined({
    kubeConfigFile:
      named === undefined ? view.files.firstOf(KUBECONFIGS.kubeProxy) : view.files.file(named, { within }),
    cmdLine: commandLine(process),
  });
}
