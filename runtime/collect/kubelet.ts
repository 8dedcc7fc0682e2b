// KubeletInfo: the running kubelet's command line, its config file (content included, header
// credentials removed), kubeconfig, client CA file and systemd service files. No kubelet
// process, no object (as Kubescape's host scanner answers).
import { parse } from "yaml";
import { type NodeView, processRoot } from "./context.js";
import { defined, type FileInfo, type KubeletData } from "./facts.js";
import { KUBECONFIGS, KUBELET_CONFIGS, SYSTEMD_DIRS } from "./paths.js";
import { commandLine, findProcess, flagValue, type NodeProcess } from "./processes.js";
import { redactKubeletConfig } from "./redact.js";

/** The systemd unit of a process, from /proc/<pid>/cgroup (`0::/system.slice/kubelet.service`). */
export function systemdUnit(view: NodeView, process: NodeProcess): string {
  const cgroups = view.host.text(`/proc/${process.pid}/cgroup`) ?? "";
  for (const line of cgroups.split("\n")) {
    const unit = /\/([^/]+\.service)(?:\/|$)/.exec(line.slice(line.lastIndexOf(":") + 1))?.[1];
    if (unit !== undefined) return unit;
  }
  return "kubelet.service";
}

/** The drop-in files of the unit (<unit>.d/* in each systemd folder), as Kubescape lists them. */
function serviceFiles(view: NodeView, unit: string): FileInfo[] | undefined {
  const files: FileInfo[] = [];
  const folders = SYSTEMD_DIRS.map((folder) => `${folder}/${unit}.d`);
  for (const folder of folders) {
    const resolved = view.host.resolve(folder);
    if (resolved.state !== "found") continue;
    const names = view.host.list(resolved.value);
    if (names.state !== "found") {
      view.files.gaps.note(folder, names);
      continue;
    }
    for (const name of names.value) {
      const info = view.files.file(`${folder}/${name}`);
      if (info !== undefined) files.push(info);
    }
  }
  if (files.length === 0) {
    view.files.gaps.missing.add(folders[0] as string);
    return undefined;
  }
  return files;
}

/** authentication.x509.clientCAFile of a kubelet config (base64 content). */
function clientCaFromConfig(config: FileInfo | undefined): string | undefined {
  if (config?.content === undefined) return undefined;
  try {
    const parsed = parse(Buffer.from(config.content, "base64").toString("utf8")) as {
      authentication?: { x509?: { clientCAFile?: unknown } };
    } | null;
    const file = parsed?.authentication?.x509?.clientCAFile;
    return typeof file === "string" && file !== "" ? file : undefined;
  } catch {
    return undefined;
  }
}

export function kubeletData(view: NodeView): KubeletData | undefined {
  const process = findProcess(view.processes, "kubelet");
  if (process === undefined) return undefined;
  const within = processRoot(view, process);
  const content = { transform: redactKubeletConfig };
  const configFlag = flagValue(process, "--config");
  const configFile =
    configFlag === undefined || configFlag === ""
      ? view.files.firstOf(KUBELET_CONFIGS, { content })
      : view.files.file(configFlag, { within, content });
  const kubeconfigFlag = flagValue(process, "--kubeconfig");
  const kubeConfigFile =
    kubeconfigFlag === undefined || kubeconfigFlag === ""
      ? view.files.firstOf(KUBECONFIGS.kubelet)
      : view.files.file(kubeconfigFlag, { within });
  const clientCa = flagValue(process, "--client-ca-file") || clientCaFromConfig(configFile);
  return defined({
    serviceFiles: serviceFiles(view, systemdUnit(view, process)),
    configFile,
    kubeConfigFile,
    clientCAFile: clientCa === undefined ? undefined : view.files.file(clientCa, { within }),
    cmdLine: commandLine(process),
  });
}
