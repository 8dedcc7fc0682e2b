// Command-line flags, read from a container's command and args as the Kubernetes components read
// theirs (spf13/pflag for kube-apiserver, kube-controller-manager, kube-scheduler and the kubelet;
// Go's flag package for etcd). The compiler emits the same steps in Rego
// (compiler/backends/rego/lib-flags.ts) and CEL (compiler/backends/cel/flags.ts).
//
// The reading is split in two so that flags given elsewhere than in a container (a command line
// collected from a node) can reuse it: `flagsOf` reads a list of tokens, each with its path;
// `commandFlags` makes the tokens of a container (command, then args) and says where a missing
// flag would be added.
import type { ContainerRef } from "./workload.js";

/** One element of a command line and where it is in the object (`spec.containers[0].command[3]`). */
export interface CommandToken {
  readonly text: string;
  readonly path: string;
}

/** A flag as the component reads it. */
export interface CommandFlag {
  /** The flag asked for, as written in the call: `--profiling`. */
  readonly name: string;
  /**
   * The value the component reads: that of the last occurrence; `"true"` for a flag given bare
   * (`--profiling`); undefined when the flag is not given.
   */
  readonly value: string | undefined;
  /**
   * The comma-separated items of every occurrence, in order, without empty ones: the value of a
   * list flag (`--enable-admission-plugins`), which the component accumulates over occurrences.
   * [] when the flag is not given.
   */
  readonly items: readonly string[];
  /**
   * Where the value is: the element of the last occurrence (`--profiling=true`, or the next
   * element for `--bind-address 0.0.0.0`). When the flag is not given, where to add it: after
   * the last element of `args` when the container has args, else of `command` (the k-th missing
   * flag of a call one further).
   */
  readonly path: string;
  /** The value is an element of its own (`--bind-address`, `0.0.0.0`): a fix writes the value alone at `path`. */
  readonly separate: boolean;
}

/**
 * The name of the flag a token sets, as `--name`: what follows one or two leading dashes, up to
 * the first `=`, with `_` read as `-` (the Kubernetes components normalise names so). "" when the
 * token is not a flag.
 */
export function flagName(text: string): string {
  const rest = text.startsWith("--") ? text.slice(2) : text.startsWith("-") ? text.slice(1) : undefined;
  if (rest === undefined) return "";
  const equals = rest.indexOf("=");
  return `--${(equals >= 0 ? rest.slice(0, equals) : rest).replaceAll("_", "-")}`;
}

/** What the flag token at `index` sets: its value, where that value is, and whether it is an element of its own. */
function occurrence(tokens: readonly CommandToken[], index: number) {
  const token = tokens[index] as CommandToken;
  const rest = token.text.startsWith("--") ? token.text.slice(2) : token.text.slice(1);
  const equals = rest.indexOf("=");
  if (equals >= 0) return { value: rest.slice(equals + 1), path: token.path, separate: false };
  const next = tokens[index + 1];
  if (next !== undefined && !next.text.startsWith("-")) return { value: next.text, path: next.path, separate: true };
  return { value: "true", path: token.path, separate: false };
}

/**
 * The flags `names` (each written `--name`) as a command line of `tokens` sets them, in the order
 * of `names`. A token that begins with `-` is a flag; `--name=value` and `-name=value` give the
 * value after the first `=`; `--name value` takes the next token as its value unless that token
 * begins with `-`, in which case (or at the end) the flag is given bare and reads `"true"`.
 * `missingPath(k)` is where the k-th flag of `names` that is not given would be added.
 *
 * This is how the components read every command line they accept. On one they refuse (they would
 * not start) it may read otherwise: a value beginning with `-` given as the next token (`--x -y`,
 * which the components take as the value of a flag that is not boolean), a boolean flag followed
 * by a value (`--profiling false`, a stray argument to them), or anything after `--`.
 */
export function flagsOf(
  tokens: readonly CommandToken[],
  names: readonly string[],
  missingPath: (k: number) => string,
): readonly CommandFlag[] {
  const indexes = names.map((name) => tokens.flatMap((token, index) => (flagName(token.text) === name ? [index] : [])));
  let missing = 0;
  return names.map((name, position) => {
    const found = (indexes[position] ?? []).map((index) => occurrence(tokens, index));
    const last = found.at(-1);
    if (last === undefined) return { name, value: undefined, items: [], path: missingPath(missing++), separate: false };
    const items = found.flatMap((entry) => entry.value.split(",").filter((item) => item !== ""));
    return { name, value: last.value, items, path: last.path, separate: last.separate };
  });
}

/** The elements of a container's command, then of its args, with their paths: what the container runs. */
export function commandTokens(ref: ContainerRef): readonly CommandToken[] {
  const tokens = (list: readonly string[] | undefined, field: string) =>
    (list ?? []).map((text, index) => ({ text, path: `${ref.path}.${field}[${index}]` }));
  return [...tokens(ref.container.command, "command"), ...tokens(ref.container.args, "args")];
}

/**
 * The flags `names` (each written `--name`) as the container's command and args set them, in the
 * order of `names` (see flagsOf). A missing flag would be added after the last element of `args`
 * when the container has args (RKE2 and k3s give the flags there), else of `command` (kubeadm).
 */
export function commandFlags(ref: ContainerRef, names: readonly string[]): readonly CommandFlag[] {
  const args = ref.container.args ?? [];
  const [field, size] = args.length > 0 ? ["args", args.length] : ["command", ref.container.command?.length ?? 0];
  return flagsOf(commandTokens(ref), names, (k) => `${ref.path}.${field}[${size + k}]`);
}

/** One flag as the container's command and args set it (see commandFlags). */
export function commandFlag(ref: ContainerRef, name: string): CommandFlag {
  return commandFlags(ref, [name])[0] as CommandFlag;
}
