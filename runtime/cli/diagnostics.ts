// Compile diagnostics as every command prints them: `file:line:col: error CODE: message`, the
// source line with the offending text underlined, and the hint.
import { readFileSync } from "node:fs";
import { type Diagnostic, formatDiagnostic } from "../../compiler/diagnostics.js";
import type { CliIo } from "./io.js";

/** Writes each diagnostic to stderr; each source file is read once. */
export function printDiagnostics(io: CliIo, diagnostics: readonly Diagnostic[]): void {
  const sources = new Map<string, string | undefined>();
  for (const diagnostic of diagnostics) {
    if (!sources.has(diagnostic.file)) sources.set(diagnostic.file, readSource(diagnostic.file));
    io.stderr(`${formatDiagnostic(diagnostic, sources.get(diagnostic.file), process.cwd())}\n`);
  }
}

/** A source file's text; undefined when it is gone (the diagnostic is then printed without it). */
function readSource(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
