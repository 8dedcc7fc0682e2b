// The `rampart` command line. Each command is registered from its own module; actions return
// an exit code and never call process.exit, so the whole CLI runs in-process in tests.
import { Command, CommanderError } from "commander";
import { ToolMissingError } from "../../compiler/tools.js";
import { ClusterError } from "../cluster/connection.js";
import { ConfigError } from "../config/source-errors.js";
import { ProjectCompileError } from "../project.js";
import { SelectionError } from "../selection.js";
import { VERSION } from "../version.js";
import { registerAdmit } from "./commands/admit.js";
import { registerCollect } from "./commands/collect.js";
import { registerCompile } from "./commands/compile.js";
import { registerDump } from "./commands/dump.js";
import { registerFix } from "./commands/fix.js";
import { registerInit } from "./commands/init.js";
import { registerList } from "./commands/list.js";
import { registerScan } from "./commands/scan.js";
import { registerTest } from "./commands/test.js";
import { printDiagnostics } from "./diagnostics.js";
import { type CliIo, EXIT, UsageError } from "./io.js";

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
  registerScan(program, io, setExit);
  registerCompile(program, io, setExit);
  registerAdmit(program, io, setExit);
  registerDump(program, io, setExit);
  registerCollect(program, io, setExit);
  registerFix(program, io, setExit);
  registerInit(program, io, setExit);
  registerTest(program, io, setExit);
  registerList(program, io, setExit);
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
    if (
      error instanceof UsageError ||
      error instanceof SelectionError ||
      error instanceof ToolMissingError ||
      error instanceof ConfigError ||
      error instanceof ClusterError
    ) {
      io.stderr(`rampart: ${error.message}\n`);
      return EXIT.error;
    }
    io.stderr(`rampart: ${(error as Error).message ?? String(error)}\n`);
    return EXIT.error;
  }
}
