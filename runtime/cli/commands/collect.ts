// `rampart collect node`: the facts of the node it runs on (file permissions and owners, the
// command lines of the Kubernetes components, the kubelet config, the audit policy and the
// encryption configuration without its keys) as Kubescape-shaped node fact objects, for
// `rampart scan` to evaluate the node controls on.
import { statSync } from "node:fs";
import path from "node:path";
import { type Command, InvalidArgumentError } from "commander";
import { stringify } from "yaml";
import { collectionDocument, collectNode, defaultNodeName } from "../../collect/collect.js";
import { type CliIo, checkWritable, EXIT, UsageError, writeFileAtomically } from "../io.js";

type CollectFormat = "yaml" | "json";

interface CollectFlags {
  readonly hostRoot: string;
  readonly output?: string;
  readonly nodeName?: string;
  readonly format: CollectFormat;
  readonly cloudMetadata?: boolean;
  readonly quiet?: boolean;
}

function collectFormat(value: string): CollectFormat {
  if (value !== "yaml" && value !== "json") throw new InvalidArgumentError("yaml or json");
  return value;
}

const HELP_AFTER = `
What it reads (paths under --host-root; a path a process's flag names comes first):
  command lines   /proc/<pid>/cmdline of kubelet, kube-apiserver, kube-controller-manager,
                  kube-scheduler, etcd and kube-proxy (in a pod: hostPID)
  files           permissions, owner uid/gid and names (the node's /etc/passwd, /etc/group) of
                  the static pod manifests, admin/scheduler/controller-manager/kubelet kubeconfigs,
                  the PKI folder and every file under it, the etcd data folder, the kubelet config
                  and systemd drop-ins, the CNI config folder, kube-proxy's kubeconfig
  contents        the kubelet config (staticPodURLHeader values removed), the audit policy, the
                  encryption configuration rebuilt without any key (an encryption key never leaves
                  the node); base64, as Kubescape's host scanner writes them

It writes one List of node fact objects (apiVersion hostdata.kubescape.cloud/v1beta0: ControlPlaneInfo,
KubeletInfo, KubeProxyInfo, CNIInfo, cloudProviderInfo with --cloud-metadata), named after the node.
Files looked for and absent are listed in the annotation rampart.dev/missing-files, files present but
unreadable in rampart.dev/unreadable-files (with why); neither stops the collection.

Examples:
  sudo rampart collect node -o node.yaml && rampart scan framework cis-v1.23-t1.0.1 node.yaml manifests/
  rampart collect node --host-root /host --node-name worker-1     (in a pod, the host's / at /host)
  kubectl apply -f deploy/node-collector.yaml                      (every node; see README)
`;

export function registerCollect(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const collect = program.command("collect").description("gather facts a scan cannot read from manifests");
  collect
    .command("node")
    .description(
      "write the node facts of this node (file permissions and owners, component command lines, kubelet config, audit policy, encryption config without keys) as Kubescape-shaped objects to scan",
    )
    .option("--host-root <dir>", "the folder the node's / is mounted at (read-only is enough)", "/")
    .option("-o, --output <file>", "write here (completely or not at all) instead of standard output")
    .option("--node-name <name>", "the node's name in the objects (default: NODE_NAME, else the host's hostname)")
    .option("-f, --format <format>", "yaml or json", collectFormat, "yaml")
    .option(
      "--cloud-metadata",
      "also ask the cloud instance metadata API (169.254.169.254) whether it answers from here (cloudProviderInfo)",
    )
    .option("-q, --quiet", "no summary nor warnings on standard error (the List's annotations hold them)")
    .addHelpText("after", HELP_AFTER)
    .action(async (flags: CollectFlags) => setExit(await runCollectNode(io, flags)));
}

function checkHostRoot(given: string, hostRoot: string): void {
  let folder: boolean;
  try {
    folder = statSync(hostRoot).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `--host-root ${given}: ${code === "ENOENT" || code === "ENOTDIR" ? "there is no such folder" : (error as Error).message}`,
    );
  }
  if (!folder) throw new UsageError(`--host-root ${given}: not a folder`);
}

async function runCollectNode(io: CliIo, flags: CollectFlags): Promise<number> {
  const hostRoot = path.resolve(flags.hostRoot);
  checkHostRoot(flags.hostRoot, hostRoot);
  if (flags.output !== undefined) checkWritable(flags.output);
  const collection = await collectNode({
    hostRoot,
    nodeName: flags.nodeName ?? defaultNodeName(process.env, hostRoot),
    ...(flags.cloudMetadata === true ? { cloudMetadata: {} } : {}),
  });
  const document = collectionDocument(collection);
  // YAML starts with `---`, so that the outputs of several nodes (kubectl logs) concatenate into one stream.
  const text =
    flags.format === "json"
      ? `${JSON.stringify(document, null, 2)}\n`
      : `---\n${stringify(document, { lineWidth: 0 })}`;
  if (flags.output === undefined) io.stdout(text);
  else writeFileAtomically(flags.output, text);
  if (flags.quiet === true) return EXIT.ok;
  const kinds = collection.objects.map((object) => object.kind).join(", ") || "none";
  const unreadable = Object.keys(collection.unreadable).length;
  io.stderr(
    `rampart: node ${collection.nodeName}: ${collection.objects.length} node fact objects (${kinds})` +
      `${flags.output === undefined ? "" : ` written to ${flags.output}`}; ` +
      `${collection.missing.length} files missing, ${unreadable} unreadable (annotations rampart.dev/missing-files, rampart.dev/unreadable-files)\n`,
  );
  for (const [file, reason] of Object.entries(collection.unreadable))
    io.stderr(`rampart: warning: ${file}: ${reason}\n`);
  return EXIT.ok;
}
