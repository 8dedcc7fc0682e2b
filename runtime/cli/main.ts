// The `rampart` command line. Each command is registered from its own module; actions return
// an exit code and never call process.exit, so the whole CLI runs in-process in tests.
import { Command, CommanderError } from "commander";
import { ProjectCompileError } from "../project-error.js";
import { VERSION } from "../version.js";
import { printDiagnostics } from "./diagnostics.js";
import { type CliIo, EXIT } from "./io.js";

type Register = (program: Command, io: CliIo, setExit: (code: number) => void) => void;

/**
 * Each command's module, loaded only when that command runs (or for help), so that a command
 * never pays for loading another's dependencies (the compiler, the admission CEL environment,
 * the report formats). In the order `--help` lists them.
 */
const COMMANDS = new Map<string, () => Promise<Register>>([
  ["scan", async () => (await import("./commands/scan.js")).registerScan],
  ["compile", async () => (await import("./commands/compile.js")).registerCompile],
  ["admit", async () => (await import("./commands/admit.js")).registerAdmit],
  ["dump", async () => (await import("./commands/dump.js")).registerDump],
  ["collect", async () => (await import("./commands/collect.js")).registerCollect],
  ["fix", async () => (await import("./commands/fix.js")).registerFix],
  ["init", async () => (await import("./commands/init.js")).registerInit],
  ["test", async () => (await import("./commands/test.js")).registerTest],
  ["list", async () => (await import("./commands/list.js")).registerList],
  ["serve", async () => (await import("./commands/serve.js")).registerServe],
  ["history", async () => (await import("./commands/history.js")).registerHistory],
  ["diff", async () => (await import("./commands/diff.js")).registerDiff],
]);

/** The commands `argv` needs: the one it names, none for the version, else all (help, errors). */
function commandsFor(argv: readonly string[]): Array<() => Promise<Register>> {
  const [first] = argv;
  const named = first === undefined ? undefined : COMMANDS.get(first);
  if (named !== undefined) return [named];
  if (argv.length === 1 && (first === "--version" || first === "-V")) return [];
  return [...COMMANDS.values()];
}

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command()
    .name("rampart")
    .description(
      "Kubernetes security posture as code: scan manifests with typed controls compiled to Rego, WASM and CEL",
    )
    .version(VERSION)
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError("(run with --help for usage)");
  for (const load of commandsFor(argv)) (await load())(program, io, setExit);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    if (error instanceof ProjectCompileError) {
      printDiagnostics(io, error.result.diagnostics);
      io.stderr(`rampart: ${error.message}\n`);
      return EXIT.error;
    }
    io.stderr(`rampart: ${(error as Error).message ?? String(error)}\n`);
    return EXIT.error;
  }
}
