// `rampart diff <scanA> <scanB>`: the findings new in B, fixed since A and still failing. A scan is
// an ID in the history (`latest` for the newest) or a JSON report file (`scan --format json`).
import { existsSync } from "node:fs";
import { type Command, InvalidArgumentError } from "commander";
import { readReportFile } from "../../history/baseline.js";
import { diffText } from "../../history/diff-text.js";
import { diffFindings, type FindingsSource } from "../../history/findings.js";
import { percent } from "../../report/summary.js";
import { databaseOption } from "../history-db.js";
import { type CliIo, EXIT, UsageError } from "../io.js";
import { openHistory } from "./history.js";

type DiffFormat = "pretty-printer" | "json";

interface DiffFlags {
  readonly db: string;
  readonly format: DiffFormat;
  readonly verbose?: boolean;
}

interface Side {
  readonly label: string;
  readonly id: number | null;
  readonly date: string;
  readonly score: number | null;
  readonly report: FindingsSource;
}

function diffFormat(value: string): DiffFormat {
  if (value !== "pretty-printer" && value !== "json") throw new InvalidArgumentError("pretty-printer or json");
  return value;
}

export function registerDiff(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const [db, dbHelp, dbDefault] = databaseOption();
  program
    .command("diff <scanA> <scanB>")
    .description(
      "what changed between two scans: new findings, fixed ones, those still failing (scan IDs of the history, latest, or JSON report files)",
    )
    .option(db, dbHelp, dbDefault)
    .option("-f, --format <format>", "pretty-printer or json", diffFormat, "pretty-printer")
    .option("-v, --verbose", "also list the findings still failing")
    .action((a: string, b: string, flags: DiffFlags) => setExit(diff(io, a, b, flags)));
}

function diff(io: CliIo, a: string, b: string, flags: DiffFlags): number {
  const needsDb = [a, b].some((name) => !existsSync(name));
  const store = needsDb ? openHistory(flags.db) : undefined;
  try {
    const side = (name: string): Side => {
      if (existsSync(name)) {
        const report = readReportFile(name);
        return {
          label: name,
          id: null,
          date: report.scanDate ?? "",
          score: report.summaryDetails?.score ?? null,
          report,
        };
      }
      if (store === undefined) throw new UsageError(`no such file: ${name}`);
      const id = name === "latest" ? store.latest()?.id : /^[1-9]\d*$/.test(name) ? Number(name) : undefined;
      if (id === undefined) {
        throw new UsageError(
          name === "latest"
            ? `${flags.db} holds no scan`
            : `"${name}" is neither a scan ID of ${flags.db}, latest, nor a report file`,
        );
      }
      const text = store.reportText(id);
      const scan = store.get(id);
      if (text === undefined || scan === undefined) throw new UsageError(`${flags.db} holds no scan ${id}`);
      return {
        label: `scan ${id}`,
        id,
        date: scan.summary.date,
        score: scan.summary.score,
        report: JSON.parse(text) as FindingsSource,
      };
    };
    const before = side(a);
    const after = side(b);
    const result = diffFindings(before.report, after.report);
    if (flags.format === "json") {
      const entry = (s: Side) => ({ id: s.id, source: s.label, date: s.date, score: s.score });
      io.stdout(
        `${JSON.stringify(
          {
            from: entry(before),
            to: entry(after),
            counts: {
              new: result.new.length,
              fixed: result.fixed.length,
              stillFailing: result.stillFailing.length,
              notEvaluated: result.notEvaluated.length,
            },
            ...result,
          },
          null,
          2,
        )}\n`,
      );
      return EXIT.ok;
    }
    const describe = (s: Side) => `${s.label} (${s.date === "" ? "no date" : s.date}, ${percent(s.score)})`;
    io.stdout(diffText(result, `${describe(before)} → ${describe(after)}`, flags.verbose === true));
    return EXIT.ok;
  } finally {
    store?.close();
  }
}
