// `rampart dump [-o cluster.json]`: what a scan would read from the cluster of the kubeconfig,
// as one List, for offline and air-gapped audits: `rampart scan framework nsa cluster.json` then
// reports what the live scan reports.
import type { Command } from "commander";
import { dumpDocument, readLiveInput } from "../../cluster/input.js";
import { compiledLookups } from "../../generated.js";
import { selectControls } from "../../selection.js";
import { controlSource } from "../controls.js";
import { type CliIo, EXIT, splitList, writeFileAtomically } from "../io.js";
import { type InputFlags, withClusterOptions } from "../scan-input.js";

interface DumpFlags extends InputFlags {
  readonly output?: string;
  readonly controls?: string;
}

export function registerDump(program: Command, io: CliIo, setExit: (code: number) => void): void {
  withClusterOptions(
    program
      .command("dump")
      .description(
        "write what a scan reads from the cluster of the current kubeconfig context (every kind the controls evaluate or look up) as one List, to scan later: rampart scan framework nsa cluster.json",
      )
      .option("-o, --output <file>", "write the List here instead of standard output"),
  )
    .option("--include-namespaces <list>", "only these namespaces (comma-separated)", splitList)
    .option("--exclude-namespaces <list>", "not these namespaces (comma-separated)", splitList)
    .option("--controls <dir>", "also read what the controls of this policy project need (rampart init)")
    .action(async (flags: DumpFlags) => setExit(await runDump(io, flags)));
}

async function runDump(io: CliIo, flags: DumpFlags): Promise<number> {
  // A project is compiled (without OPA) for what its controls look up.
  const source = await controlSource(flags.controls, flags.controls === undefined ? undefined : { withOpa: false });
  const library = source.library;
  const selection = selectControls(library, [...library.controls.keys()]);
  const live = await readLiveInput(
    {
      ...(flags.kubeconfig === undefined ? {} : { kubeconfig: flags.kubeconfig }),
      ...(flags.context === undefined ? {} : { context: flags.context }),
      ...(flags.requestTimeout === undefined ? {} : { requestTimeoutSeconds: flags.requestTimeout }),
      ...(flags.includeNamespaces === undefined ? {} : { include: flags.includeNamespaces }),
      ...(flags.excludeNamespaces === undefined ? {} : { exclude: flags.excludeNamespaces }),
    },
    selection,
    compiledLookups(source.compiled),
    io.stderrIsTTY
      ? ({ kindsDone, kinds, objects }) =>
          io.stderr(
            `\rreading the cluster: ${kindsDone}/${kinds} kinds, ${objects} objects${kindsDone === kinds ? "\n" : ""}`,
          )
      : undefined,
  );
  for (const [kind, reason] of live.read.unreadable) {
    io.stderr(
      `rampart: warning: ${reason}; the dump records it, and scans of it skip the controls that need ${kind}\n`,
    );
  }
  const text = `${JSON.stringify(dumpDocument(live.read, live.connection))}\n`;
  if (flags.output === undefined) io.stdout(text);
  else {
    writeFileAtomically(flags.output, text);
    io.stderr(
      `rampart: wrote ${live.read.objects.length} objects of ${live.read.kindsRead.length} kinds to ${flags.output}\n`,
    );
  }
  return EXIT.ok;
}
