// Facts collected from a node (Kubescape's host data): command lines recorded as one string, and
// file modes recorded as numbers. The compiler emits the same steps in Rego
// (compiler/backends/rego/lib-host.ts); CEL has none of them: node facts never reach the API
// server, so no admission policy reads them.
import { type CommandFlag, type CommandToken, flagsOf } from "./flags.js";

/**
 * The elements of a command line recorded as one string (`/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml`),
 * as the scanner joined them: split at each space, empty elements left out. Each has `path`, the
 * field holding the line (a finding can name no part of a string).
 */
function lineTokens(line: string | undefined, path: string): readonly CommandToken[] {
  return (line ?? "")
    .split(" ")
    .filter((text) => text !== "")
    .map((text) => ({ text, path }));
}

/**
 * The flags `names` (each written `--name`) as a command line recorded as one string sets them, in
 * the order of `names`, read as flagsOf reads a container's (see dsl/flags.ts). Every path, of a
 * flag given or not, is `path`, the field holding the line. An argument holding a space cannot be
 * told from two: the scanner joined them.
 */
export function lineFlags(line: string | undefined, path: string, names: readonly string[]): readonly CommandFlag[] {
  return flagsOf(lineTokens(line, path), names, () => path);
}

/** One flag of a command line recorded as one string (see lineFlags). */
export function lineFlag(line: string | undefined, path: string, name: string): CommandFlag {
  return lineFlags(line, path, [name])[0] as CommandFlag;
}

/** Whether a file's permission bits grant nothing that `maximum` does not (`0o640` is within `0o644`, `0o604` is not within `0o600`). */
export function modeWithin(mode: number, maximum: number): boolean {
  return (mode & ~maximum) === 0;
}

/** Permission bits written in octal, as chmod takes them: `644` for 0o644. */
export function octalMode(mode: number): string {
  return mode.toString(8);
}
