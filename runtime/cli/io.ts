// The outside world of a command, passed in so that every command runs in-process in tests.
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
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

/**
 * Checks, before any work, that `file` can be written: its folder exists (or, with `create`, is
 * made) and it is not a folder itself. A UsageError names the file otherwise.
 */
export function checkWritable(file: string, create = false): void {
  const folder = path.dirname(file);
  if (create) mkdirSync(folder, { recursive: true });
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    throw new UsageError(`cannot write ${file}: there is no folder ${folder}`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new UsageError(`cannot write ${file}: it is a folder`);
}

/**
 * Writes a file completely or not at all (temporary file, then rename); a failure names the file.
 * Content in pieces is written piece by piece, never joined.
 */
export function writeFileAtomically(file: string, content: string | Uint8Array | Iterable<string>): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const descriptor = openSync(temporary, "w");
    try {
      // Written at the descriptor's position: piece after piece.
      if (typeof content === "string" || content instanceof Uint8Array) writeFileSync(descriptor, content);
      else for (const piece of content) writeFileSync(descriptor, piece);
    } finally {
      closeSync(descriptor);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`cannot write ${file}: ${(error as Error).message}`);
  }
}

export function splitList(value: string): string[] {
  return value
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}
