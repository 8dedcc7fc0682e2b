// What `rampart scan` reads: the paths given (a piped standard input when none is given), or else
// the cluster of the kubeconfig, as Kubescape and kubectl find it. Either way, a kind that could
// not be read (refused by the cluster, or missing from a dump) skips the controls that need it.
import { type Command, InvalidArgumentError } from "commander";
import { ClusterError } from "../cluster/connection.js";
import { dumpGaps, readLiveInput } from "../cluster/input.js";
import { type Lookups, skipUnreadable } from "../cluster/kinds.js";
import type { ReadProgress } from "../cluster/read.js";
import { CLUSTER_SOURCE, type LoadResult, loadInputs, STDIN } from "../input/load.js";
import type { Selection } from "../selection.js";
import type { CliIo } from "./io.js";

export interface InputFlags {
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly requestTimeout?: number;
  readonly includeNamespaces?: readonly string[];
  readonly excludeNamespaces?: readonly string[];
}

export interface ScanInput {
  readonly loaded: LoadResult;
  readonly selection: Selection;
  /** What was scanned, for the report: the paths, or `<cluster>`. */
  readonly targets: readonly string[];
  /** The cluster's name in the kubeconfig (live), or as a dump recorded it. */
  readonly clusterName: string | undefined;
}

/** `--request-timeout <seconds>`: a positive number. */
export function seconds(value: string): number {
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number <= 0)
    throw new InvalidArgumentError("seconds, above 0");
  return number;
}

/**
 * The options that pick and reach a cluster (scan, serve, dump); `when` says when they apply
 * ("with no paths: " for commands that also read files).
 */
export function withClusterOptions(command: Command, when = ""): Command {
  return command
    .option(
      "--kubeconfig <file>",
      `${when}the kubeconfig of the cluster (default: KUBECONFIG, ~/.kube/config, or the pod's service account)`,
    )
    .option("--context <name>", `${when}the kubeconfig context (default: the current one)`)
    .option(
      "--request-timeout <seconds>",
      `${when}the longest one request to the API server may take (default 30)`,
      seconds,
    );
}

/** The options that pick and reach a cluster, in the words of a message. */
function clusterFlagsGiven(flags: InputFlags): string[] {
  return [
    ...(flags.kubeconfig === undefined ? [] : ["--kubeconfig"]),
    ...(flags.context === undefined ? [] : ["--context"]),
  ];
}

function progressWriter(io: CliIo): ((progress: ReadProgress) => void) | undefined {
  if (!io.stderrIsTTY) return undefined;
  return ({ kindsDone, kinds, objects }) => {
    io.stderr(`\rreading the cluster: ${kindsDone}/${kinds} kinds, ${objects} objects`);
    if (kindsDone === kinds) io.stderr("\n");
  };
}

export async function scanInput(
  io: CliIo,
  given: readonly string[],
  flags: InputFlags,
  selection: Selection,
  lookups: Lookups,
): Promise<ScanInput> {
  const paths = given.length === 0 && io.stdinPiped === true ? [STDIN] : given;
  if (paths.length > 0) {
    const clusterFlags = clusterFlagsGiven(flags);
    if (clusterFlags.length > 0) {
      throw new ClusterError(`${clusterFlags.join(" and ")} pick a cluster to read: give no paths with them`);
    }
    const loaded = loadInputs(paths, { stdin: io.stdin });
    const names = [
      ...new Set((loaded.dumps ?? []).flatMap((dump) => (dump.clusterName === undefined ? [] : [dump.clusterName]))),
    ];
    return {
      loaded,
      selection: skipUnreadable(selection, dumpGaps(loaded.dumps ?? [], selection, lookups), lookups),
      targets: paths,
      clusterName: names.length === 1 ? names[0] : undefined,
    };
  }
  const live = await readLiveInput(
    {
      ...(flags.kubeconfig === undefined ? {} : { kubeconfig: flags.kubeconfig }),
      ...(flags.context === undefined ? {} : { context: flags.context }),
      ...(flags.requestTimeout === undefined ? {} : { requestTimeoutSeconds: flags.requestTimeout }),
      ...(flags.includeNamespaces === undefined ? {} : { include: flags.includeNamespaces }),
      ...(flags.excludeNamespaces === undefined ? {} : { exclude: flags.excludeNamespaces }),
    },
    selection,
    lookups,
    progressWriter(io),
  );
  for (const [kind, reason] of live.read.unreadable) {
    io.stderr(`rampart: warning: ${reason}; the controls that need ${kind} are skipped\n`);
  }
  return {
    loaded: live.loaded,
    selection: live.selection,
    targets: [CLUSTER_SOURCE],
    clusterName: live.connection.clusterName,
  };
}
