// The CNI configuration folder a container runtime uses, from its configuration file: containerd
// (config.toml, `conf_dir` in the CRI plugin's `cni` table) and CRI-O (crio.conf, `network_dir`
// in `[crio.network]`). Only these two keys are read, line by line; no TOML library needed.

/** The value of `key = "value"` (or 'value') in the TOML tables whose header `section` accepts. */
export function tomlString(text: string, section: (header: string) => boolean, key: string): string | undefined {
  let inSection = false;
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.startsWith("[")) {
      inSection = section(line);
      continue;
    }
    if (!inSection) continue;
    const match = /^([A-Za-z0-9_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(line);
    if (match?.[1] === key) return match[2] ?? match[3];
  }
  return undefined;
}

/** containerd 1.x/2.x: [plugins."io.containerd.grpc.v1.cri".cni] or [plugins.'io.containerd.cri.v1.runtime'.cni]. */
export function containerdCniDir(text: string): string | undefined {
  const value = tomlString(text, (header) => /cri.*\.cni\]$/.test(header.replace(/\s/g, "")), "conf_dir");
  return value === "" ? undefined : value;
}

/** CRI-O: [crio.network] network_dir. */
export function crioCniDir(text: string): string | undefined {
  const value = tomlString(text, (header) => header.replace(/\s/g, "") === "[crio.network]", "network_dir");
  return value === "" ? undefined : value;
}
