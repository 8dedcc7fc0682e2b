// `rampart serve [paths…]`: scans on a schedule (the Kubescape operator's configuration), keeps
// every report in a history database, and serves the scan API, metrics and the trend page until
// SIGTERM (or SIGINT).
import { readFileSync } from "node:fs";
import { type Command, InvalidArgumentError } from "commander";
import { readExceptionFiles } from "../../config/exceptions.js";
import { HistoryError } from "../../history/store.js";
import { defaultServeConfig, readServeConfig } from "../../server/config.js";
import { startServer } from "../../server/serve.js";
import type { SourceSpec } from "../../server/source.js";
import { controlSource, controlsConfig } from "../controls.js";
import { databaseOption } from "../history-db.js";
import { type CliIo, EXIT, UsageError } from "../io.js";
import { withClusterOptions } from "../scan-input.js";

interface ServeFlags {
  readonly config?: string;
  readonly db: string;
  readonly listen: string;
  readonly tokenFile?: string;
  readonly kubescapeMetrics?: boolean;
  readonly scanNow?: boolean;
  readonly gracePeriod: number;
  readonly kubeconfig?: string;
  readonly context?: string;
  readonly requestTimeout?: number;
}

/** `host:port`, `:port` or `port`. */
export function listenAddress(text: string): { host: string; port: number } {
  const match = /^(?:(\[[0-9a-fA-F:.]+\]|[^:]*):)?(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[2]);
  if (match === null || port > 65535) throw new InvalidArgumentError("host:port, :port or port (e.g. 0.0.0.0:8080)");
  const host = (match[1] ?? "").replace(/^\[|\]$/g, "");
  return { host: host === "" ? "0.0.0.0" : host, port };
}

function seconds(text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0) throw new InvalidArgumentError("seconds (0 or more)");
  return value;
}

/** The API token: the file's content without surrounding white space; never printed. */
function readToken(file: string | undefined): string {
  const given = file ?? process.env.RAMPART_TOKEN_FILE;
  if (given === undefined || given === "") {
    throw new UsageError(
      "the API needs a token: --token-file FILE (or $RAMPART_TOKEN_FILE), e.g. a mounted Secret; make one with `openssl rand -hex 32 > token`",
    );
  }
  let token: string;
  try {
    token = readFileSync(given, "utf8").trim();
  } catch (error) {
    throw new UsageError(`cannot read the token file ${given}: ${(error as Error).message}`);
  }
  if (token.length < 16) throw new UsageError(`the token in ${given} is too short (16 characters at least)`);
  if (/\s/.test(token)) throw new UsageError(`the token in ${given} holds white space`);
  return token;
}

export function registerServe(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const [db, dbHelp, dbDefault] = databaseOption();
  withClusterOptions(
    program
      .command("serve [paths...]")
      .summary("scan on a schedule, keep the history, serve the API, metrics and a trend page")
      .description(
        "scan on a schedule and serve the history: GET/POST /v1/scans, /v1/scans/{id}, /v1/scans/{a}/diff/{b}, /metrics, a trend page at /",
      )
      .option(
        "--config <file>",
        "the scan configuration (JSON or YAML): scan.scanSchedule, frameworks, scanScope, exceptions, controlsConfig; history.retention",
      )
      .option(db, dbHelp, dbDefault)
      .option("--listen <address>", "where the HTTP server listens (host:port)", "127.0.0.1:8080")
      .option("--token-file <file>", "the API token (default: $RAMPART_TOKEN_FILE); /v1 refuses any request without it")
      .option(
        "--kubescape-metrics",
        "also export Kubescape's metric names and labels (kubescape_…) for existing dashboards",
      )
      .option("--scan-now", "run a scan as soon as the server starts")
      .option(
        "--grace-period <seconds>",
        "on SIGTERM, how long a running scan may take to finish before it is abandoned",
        seconds,
        25,
      ),
    "with no paths: ",
  ).action(async (paths: string[], flags: ServeFlags) => {
    setExit(await runServe(io, paths, flags));
  });
}

async function runServe(io: CliIo, paths: readonly string[], flags: ServeFlags): Promise<number> {
  const config = flags.config === undefined ? defaultServeConfig() : readServeConfig(flags.config);
  // The exceptions and the controls config are read at each scan; a mistake in them is refused now.
  readExceptionFiles(config.exceptions);
  controlsConfig(config.controlsConfig, await controlSource(undefined));
  const source: SourceSpec =
    paths.length > 0
      ? { kind: "paths", paths }
      : {
          kind: "cluster",
          ...(flags.kubeconfig === undefined ? {} : { kubeconfig: flags.kubeconfig }),
          ...(flags.context === undefined ? {} : { context: flags.context }),
          ...(flags.requestTimeout === undefined ? {} : { requestTimeout: flags.requestTimeout }),
        };
  if (paths.length > 0 && (flags.kubeconfig !== undefined || flags.context !== undefined))
    throw new UsageError("--kubeconfig and --context pick a cluster to scan: give no paths with them");
  const token = readToken(flags.tokenFile);
  const { host, port } = listenAddress(flags.listen);
  const log = (line: string) => io.stderr(`${new Date().toISOString()} rampart serve: ${line}\n`);
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      config,
      source,
      database: flags.db,
      host,
      port,
      token,
      kubescapeMetrics: flags.kubescapeMetrics === true,
      scanOnStart: flags.scanNow === true,
      graceSeconds: flags.gracePeriod,
      log,
    });
  } catch (error) {
    if (error instanceof HistoryError) throw new UsageError(error.message);
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE")
      throw new UsageError(`cannot listen on ${flags.listen}: the address is in use`);
    throw error;
  }
  await stopSignal(io.signal);
  await server.stop();
  return EXIT.ok;
}

/** SIGTERM or SIGINT (or, in tests, the abort of io.signal). */
function stopSignal(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal !== undefined) {
      if (signal.aborted) resolve();
      signal.addEventListener("abort", () => resolve(), { once: true });
      return;
    }
    const done = () => {
      process.off("SIGTERM", done);
      process.off("SIGINT", done);
      resolve();
    };
    process.once("SIGTERM", done);
    process.once("SIGINT", done);
  });
}
