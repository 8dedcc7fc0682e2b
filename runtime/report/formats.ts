// Every report format, by the name `--format` takes. A format renders a scan result; writing
// it (stdout, a file) is the CLI's job.
import type { ScanResult } from "../scan.js";
import { htmlReport } from "./html.js";
import { jsonReportText, type ReportContext } from "./json.js";
import { chunked, jsonPieces } from "./json-text.js";
import { junitReport } from "./junit.js";
import { kubescapeV2Report } from "./kubescape-v2.js";
import { pdfReport } from "./pdf/report.js";
import { prettyReport } from "./pretty.js";
import { prometheusReport } from "./prometheus.js";
import { sarifReport } from "./sarif.js";

/** `--format-version`: the shape of the `json` format. */
export const FORMAT_VERSIONS = ["v1", "kubescape-v2"] as const;
export type FormatVersion = (typeof FORMAT_VERSIONS)[number];

export function isFormatVersion(value: string): value is FormatVersion {
  return (FORMAT_VERSIONS as readonly string[]).includes(value);
}

export interface RenderContext extends ReportContext {
  readonly verbose: boolean;
  /** ANSI colours allowed (a terminal). */
  readonly color: boolean;
  /** The JSON shape: Rampart's own (`v1`, the default) or Kubescape's v2 report. */
  readonly formatVersion?: FormatVersion;
}

/** A rendered report: whole, or in pieces of text to write one after the other. */
export type Rendered = string | Uint8Array | Iterable<string>;

export interface ReportFormat {
  /** File extension used when several formats are written at once. */
  readonly extension: string;
  render(result: ScanResult, context: RenderContext): Rendered;
}

/** The JSON text of each shape (compact, as Kubescape writes it), with a final newline. */
const JSON_SHAPES = {
  v1: (result, context) => jsonReportText(result, context),
  "kubescape-v2": (result, context) => jsonPieces(kubescapeV2Report(result, context)),
} satisfies Record<FormatVersion, (result: ScanResult, context: RenderContext) => Iterable<string>>;

export const REPORT_FORMATS = {
  "pretty-printer": {
    extension: "txt",
    render: (result, context) => prettyReport(result, { verbose: context.verbose, color: context.color }),
  },
  json: {
    extension: "json",
    render: function* (result, context) {
      yield* chunked(JSON_SHAPES[context.formatVersion ?? "v1"](result, context));
      yield "\n";
    },
  },
  sarif: {
    extension: "sarif",
    render: (result, context) => `${JSON.stringify(sarifReport(result, context), null, 2)}\n`,
  },
  junit: {
    extension: "xml",
    render: (result, context) => junitReport(result, context),
  },
  prometheus: {
    extension: "prom",
    render: (result) => prometheusReport(result),
  },
  html: {
    extension: "html",
    render: (result, context) => htmlReport(result, context),
  },
  pdf: {
    extension: "pdf",
    render: (result, context) => pdfReport(result, context),
  },
} satisfies Record<string, ReportFormat>;

export type FormatName = keyof typeof REPORT_FORMATS;

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(REPORT_FORMATS, name);
}
