// The running processes of the node, from <host-root>/proc/<pid>/cmdline (NUL-separated
// arguments; the DaemonSet runs with hostPID so that /proc holds the node's processes).
import type { HostFs } from "./host-fs.js";

export interface NodeProcess {
  readonly pid: number;
  readonly args: readonly string[];
}

/** Every process with a command line (kernel threads have none), by pid. */
export function readProcesses(host: HostFs): NodeProcess[] {
  const resolved = host.resolve("/proc");
  if (resolved.state !== "found") return [];
  const listed = host.list(resolved.value);
  if (listed.state !== "found") return [];
  const processes: NodeProcess[] = [];
  for (const name of listed.value) {
    if (!/^\d+$/.test(name)) continue;
    // A process may end between the listing and the read: it is then simply not there.
    const text = host.text(`/proc/${name}/cmdline`, 1024 * 1024);
    if (text === undefined || text === "") continue;
    processes.push({ pid: Number(name), args: splitCmdline(text) });
  }
  return processes.sort((a, b) => a.pid - b.pid);
}

/** The arguments of a /proc/<pid>/cmdline: NUL-separated, with a NUL after the last one. */
export function splitCmdline(text: string): string[] {
  const args = text.split("\0");
  if (args.at(-1) === "") args.pop();
  return args;
}

/** The executable's name: the last segment of the first argument (`/usr/bin/kubelet` → `kubelet`). */
export function executableName(process: NodeProcess): string {
  const first = process.args[0] ?? "";
  return first.slice(first.lastIndexOf("/") + 1);
}

/** The process whose executable is `name` (the lowest pid when several are). */
export function findProcess(processes: readonly NodeProcess[], name: string): NodeProcess | undefined {
  return processes.find((process) => executableName(process) === name);
}

/** The command line as Kubescape's host scanner writes it: the arguments joined by spaces. */
export function commandLine(process: NodeProcess): string {
  return process.args.join(" ");
}

/**
 * The value of a flag: `--flag=value` or `--flag value`; "" for a flag given without a value;
 * undefined when absent. The last occurrence wins, as it does for Kubernetes components.
 */
export function flagValue(process: NodeProcess, flag: string): string | undefined {
  let value: string | undefined;
  process.args.forEach((arg, index) => {
    if (index === 0) return;
    if (arg.startsWith(`${flag}=`)) value = arg.slice(flag.length + 1);
    else if (arg === flag) {
      const next = process.args[index + 1];
      value = next === undefined || next.startsWith("-") ? "" : next;
    }
  });
  return value;
}
