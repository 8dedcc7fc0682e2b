// One scheduled scan, start to end: the configured frameworks, scope, exceptions and controls
// config applied to what the source holds now, exactly as `rampart scan framework … --format json`
// would (the same report, byte for byte), and what history stores of it.
import { gzipSync } from "node:zlib";
import { controlsFor, objectFilter } from "../cli/commands/scan.js";
import { controlsConfig } from "../cli/controls.js";
import type { CliIo } from "../cli/io.js";
import { effectiveInputs } from "../config/controls-config.js";
import { readExceptionFiles } from "../config/exceptions.js";
import { assessments, evaluatedControls, type Finding, failingFindings } from "../history/findings.js";
import type { NewScan } from "../history/store.js";
import { summarize } from "../history/summary.js";
import { REPORT_FORMATS } from "../report/formats.js";
import type { JsonReport } from "../report/json.js";
import { skippedInputText } from "../report/summary.js";
import { scan } from "../scan.js";
import { riskScore, rounded } from "../score.js";
import { selectFrameworks } from "../selection.js";
import { VERSION } from "../version.js";
import type { ServeConfig } from "./config.js";
import { readSource, type SourceSpec } from "./source.js";

export interface ScanJob {
  readonly config: ServeConfig;
  readonly source: SourceSpec;
  readonly trigger: string;
}

/** A finished scan as it crosses back from the worker: plain data. */
export interface CompletedScan {
  readonly summary: NewScan["summary"];
  readonly reportGzip: Uint8Array;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly trigger: string;
  readonly findings: readonly Finding[];
  readonly assessments: ReadonlyArray<readonly [string, "failing" | "passed" | "excepted"]>;
  readonly evaluatedControls: readonly string[];
  /** What `rampart scan` would print on stderr as warnings (skipped inputs, unused exceptions). */
  readonly warnings: readonly string[];
}

export async function runScanJob(job: ScanJob, now: () => Date = () => new Date()): Promise<CompletedScan> {
  const started = now();
  const warnings: string[] = [];
  const io: CliIo = {
    stdout: () => {},
    stderr: (text) => warnings.push(text.trimEnd().replace(/^rampart: (warning: )?/, "")),
    stdin: () => Buffer.alloc(0),
    stdoutIsTTY: false,
    stderrIsTTY: false,
  };
  const { config } = job;
  const controls = await controlsFor(io, {});
  const selected = selectFrameworks(controls.source.library, config.frameworks);
  const settings = controlsConfig(config.controlsConfig, controls.source);
  const exceptions = readExceptionFiles(config.exceptions);
  const { engine, inventoryKinds, lookups } = controls.engine(selected);
  const input = await readSource(job.source, config, selected, lookups, io);
  const result = await scan({
    loaded: input.loaded,
    selection: input.selection,
    inputs: effectiveInputs(settings, controls.source.targets.parameters),
    engine,
    inventoryKinds,
    scanObject: objectFilter({
      includeNamespaces: config.includeNamespaces,
      excludeNamespaces: config.excludeNamespaces,
    }),
    exceptions,
    controlSettings: settings.controls,
    now: started,
  });
  for (const skipped of input.loaded.skipped) warnings.push(skippedInputText(skipped));
  for (const use of result.exceptions) {
    if (use.expired) warnings.push(`${use.rule.where}: exception "${use.rule.name}" has expired; not applied`);
  }
  // The JSON format streams its text in pieces (runtime/report/formats.ts): the store keeps it whole.
  const pieces = REPORT_FORMATS.json.render(result, {
    version: VERSION,
    scanDate: started,
    clusterName: config.clusterName === "" ? (input.clusterName ?? "") : config.clusterName,
    targets: input.targets,
    verbose: false,
    color: false,
  });
  const text = [...(pieces as Iterable<string>)].join("");
  const report = JSON.parse(text) as JsonReport;
  const finished = now();
  return {
    summary: summarize(
      report,
      new Map(
        result.controls.map((control) => [
          control.control.id,
          control.risk === null ? null : rounded(riskScore([control.risk])),
        ]),
      ),
    ),
    reportGzip: gzipSync(text),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    trigger: job.trigger,
    findings: failingFindings(report),
    assessments: [...assessments(report)],
    evaluatedControls: [...evaluatedControls(report)],
    warnings,
  };
}

/** The completed scan in the form the store takes. */
export function toNewScan(completed: CompletedScan): NewScan {
  return {
    summary: completed.summary,
    reportGzip: completed.reportGzip,
    finishedAt: completed.finishedAt,
    durationMs: completed.durationMs,
    trigger: completed.trigger,
    findings: completed.findings,
    assessments: new Map(completed.assessments),
    evaluatedControls: new Set(completed.evaluatedControls),
  };
}
