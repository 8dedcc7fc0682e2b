// Every report format, by the name `--format` takes. A format renders a scan result; writing
// it (stdout, a file) is the CLI's job.
import type { ScanResult } from "../scan.js";
import { jsonReport, type ReportContext } from "./json.js";
import { prettyReport } from "./pretty.js";

export interface RenderContext extends ReportContext {
  readonly verbose: boolean;
  /** ANSI colours allowed (a terminal). */
  readonly color: boolean;
}

export interface ReportFormat {
  /** File extension used when several formats are written at once. */
  readonly extension: string;
  render(result: ScanResult, context: RenderContext): string | Uint8Array;
}

export const REPORT_FORMATS = {
  "pretty-printer": {
    extension: "txt",
    render: (result, context) => prettyReport(result, { verbose: context.verbose, color: context.color }),
  },
  json: {
    extension: "json",
    render: (result, context) => `${JSON.stringify(jsonReport(result, context), null, 2)}\n`,
  },
} satisfies Record<string, ReportFormat>;

export type FormatName = keyof typeof REPORT_FORMATS;

export function isFormatName(name: string): name is FormatName {
  return Object.hasOwn(REPORT_FORMATS, name);
}
