// `rampart history [--framework nsa] [--since 30d]`: the scans `rampart serve` stored, oldest
// first, as a table or as JSON (the same entries as GET /v1/scans).
import { type Command, InvalidArgumentError } from "commander";
import { parseSince, SINCE_HELP } from "../../history/since.js";
import { HistoryError, HistoryStore } from "../../history/store.js";
import { percent } from "../../report/summary.js";
import { table } from "../../report/table.js";
import { scanEntry } from "../../server/http.js";
import { databaseOption } from "../history-db.js";
import { type CliIo, EXIT, UsageError } from "../io.js";

type HistoryFormat = "pretty-printer" | "json";

interface HistoryFlags {
  readonly db: string;
  readonly framework?: string;
  readonly since?: Date;
  readonly format: HistoryFormat;
}

function historyFormat(value: string): HistoryFormat {
  if (value !== "pretty-printer" && value !== "json") throw new InvalidArgumentError("pretty-printer or json");
  return value;
}

function since(value: string): Date {
  const date = parseSince(value);
  if (date === undefined) throw new InvalidArgumentError(SINCE_HELP);
  return date;
}

/** The history database, read-only; a missing file or a newer schema is a UsageError. */
export function openHistory(file: string): HistoryStore {
  try {
    return HistoryStore.open(file, { readOnly: true });
  } catch (error) {
    if (error instanceof HistoryError) throw new UsageError(error.message);
    throw error;
  }
}

export function registerHistory(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const [db, dbHelp, dbDefault] = databaseOption();
  program
    .command("history")
    .description("the scans rampart serve stored, oldest first: date, scores, failed controls")
    .option(db, dbHelp, dbDefault)
    .option("--framework <name>", "only scans of this framework, with its score")
    .option("--since <when>", `only scans since then: ${SINCE_HELP}`, since)
    .option("-f, --format <format>", "pretty-printer or json", historyFormat, "pretty-printer")
    .action((flags: HistoryFlags) => setExit(history(io, flags)));
}

function history(io: CliIo, flags: HistoryFlags): number {
  const store = openHistory(flags.db);
  try {
    const framework = flags.framework;
    const scans = store
      .list(flags.since === undefined ? {} : { since: flags.since })
      .map(scanEntry)
      .flatMap((entry) => {
        if (framework === undefined) return [entry];
        const frameworks = entry.frameworks.filter((f) => f.name === framework);
        return frameworks.length === 0 ? [] : [{ ...entry, frameworks }];
      });
    if (flags.format === "json") {
      io.stdout(`${JSON.stringify({ scans }, null, 2)}\n`);
      return EXIT.ok;
    }
    if (scans.length === 0) {
      io.stdout(
        `no scans${framework === undefined ? "" : ` of ${framework}`}${flags.since === undefined ? "" : " in that period"} in ${flags.db}\n`,
      );
      return EXIT.ok;
    }
    const names =
      framework === undefined ? [...new Set(scans.flatMap((s) => s.frameworks.map((f) => f.name)))] : [framework];
    const rows = scans.map((scan, index) => {
      const before = scans[index - 1];
      const change =
        before === undefined || before.score === null || scan.score === null
          ? ""
          : `${scan.score - before.score >= 0 ? "+" : ""}${(scan.score - before.score).toFixed(2)}`;
      return [
        String(scan.id),
        scan.date.replace("T", " ").replace(/\.\d+Z$/, "Z"),
        percent(scan.score),
        change,
        ...names.map((name) => percent(scan.frameworks.find((f) => f.name === name)?.score ?? null)),
        `${scan.controls.failed}/${scan.controls.total}`,
        scan.trigger,
      ];
    });
    io.stdout(
      `${table(
        [
          "ID",
          "DATE (UTC)",
          "SCORE",
          "CHANGE",
          ...names.map((name) => name.toUpperCase()),
          "FAILED CONTROLS",
          "TRIGGER",
        ],
        rows,
        ["right", "left", "right", "right", ...names.map(() => "right" as const), "right", "left"],
      )}\n`,
    );
    return EXIT.ok;
  } finally {
    store.close();
  }
}
