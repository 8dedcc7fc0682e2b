// The outside world of a command, passed in so that every command runs in-process in tests.
import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of standard input (only called when a path is `-`). */
  readonly stdin: () => Buffer;
  /** Standard input is a pipe or a file: `scan` with no paths reads it instead of the cluster. */
  readonly stdinPiped?: boolean;
  /** stdout is a terminal: colours are allowed. */
  readonly stdoutIsTTY: boolean;
  /** stderr is a terminal: a progress bar is allowed. */
  readonly stderrIsTTY: boolean;
  /** Stops long-running commands (compile --watch); tests use it, the binary relies on Ctrl-C. */
  readonly signal?: AbortSignal;
}

/** Exit codes (README, "Exit codes"). */
export const EXIT = { ok: 0, gateFailed: 1, error: 2 } as const;

/** A problem with what the user asked for: printed as `rampart: <message>`, exit 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Writes a file completely or not at all (temporary file, then rename). */
export function writeFileAtomically(file: string, content: string | Uint8Array): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

export function splitList(value: string): string[] {
  return value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}
