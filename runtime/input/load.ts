// Reads what users scan: files, folders (recursively), globs and stdin, holding YAML
// (multi-document) or JSON, single objects, `List` kinds or JSON arrays, Helm and Kustomize
// output, cluster dumps. Nothing here throws for bad input: each problem becomes a skipped
// entry naming the file (and line) and the rest goes on.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { globSync } from "tinyglobby";
import type { Document } from "yaml";
import { parseManifestText } from "./manifest-text.js";
import { normalize } from "./normalize.js";

export const STDIN = "-";
/** The source file of objects read from a live cluster (as `<stdin>` is that of standard input). */
export const CLUSTER_SOURCE = "<cluster>";

/** Annotations of the List `rampart dump` writes: what it read, and what it could not read. */
export const DUMP_ANNOTATIONS = {
  /** Comma-separated kinds the dump listed. */
  kindsRead: "rampart.dev/kinds-read",
  /** JSON object: kind → why it could not be listed (the API server's message). */
  unreadable: "rampart.dev/unreadable-kinds",
  /** The cluster's name in the kubeconfig. */
  clusterName: "rampart.dev/cluster-name",
} as const;

export interface SourceRef {
  /** The file as the user named it (relative paths stay relative); `<stdin>` for standard input. */
  readonly file: string;
  /** 0-based index of the YAML document in the file. */
  readonly documentIndex: number;
  /** 1-based line where the document (or the List item) starts (1 for a live cluster's objects). */
  readonly line: number;
  /** Index in the `items` of a List, when the object came from one. */
  readonly itemIndex?: number;
  /** The Helm template that produced the object (`# Source:` comment). */
  readonly template?: string;
}

export interface LoadedObject {
  readonly object: Record<string, unknown>;
  readonly source: SourceRef;
}

export interface SkippedInput {
  readonly file: string;
  readonly line?: number;
  readonly documentIndex?: number;
  readonly reason: string;
}

/** What a List written by `rampart dump` says about the cluster it was read from. */
export interface DumpInfo {
  readonly file: string;
  readonly kindsRead: readonly string[];
  readonly unreadable: ReadonlyMap<string, string>;
  readonly clusterName?: string;
}

export interface LoadResult {
  readonly objects: LoadedObject[];
  readonly skipped: SkippedInput[];
  /** The Lists written by `rampart dump` among the inputs. */
  readonly dumps: DumpInfo[];
}

/** Files above this size are skipped rather than read into memory. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;
const MANIFEST_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

export interface LoadOptions {
  /** Standard input, when a path is `-`. */
  readonly stdin?: () => Buffer;
}

export function loadInputs(paths: readonly string[], options: LoadOptions = {}): LoadResult {
  const result: LoadResult = { objects: [], skipped: [], dumps: [] };
  for (const given of paths) {
    if (given === STDIN) {
      parseContent("<stdin>", options.stdin?.() ?? Buffer.alloc(0), result);
      continue;
    }
    for (const file of expand(given, result)) readFile(file, result);
  }
  return result;
}

/** A path, a folder (manifest files below it, sorted) or a glob, as a list of files. */
function expand(given: string, result: LoadResult): string[] {
  let stats: ReturnType<typeof statSync> | undefined;
  try {
    stats = statSync(given);
  } catch {
    stats = undefined;
  }
  if (stats?.isFile()) return [given];
  if (stats?.isDirectory()) {
    const found = walk(given);
    if (found.length === 0) result.skipped.push({ file: given, reason: "folder holds no .yaml, .yml or .json file" });
    return found;
  }
  const matches = globSync(given, { onlyFiles: true, dot: false }).sort();
  if (matches.length === 0) result.skipped.push({ file: given, reason: "no such file, folder or glob match" });
  return matches;
}

function walk(folder: string): string[] {
  const entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  return entries.flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.name.startsWith(".") || entry.name === "node_modules") return [];
    if (entry.isDirectory()) return walk(full);
    return entry.isFile() && MANIFEST_EXTENSIONS.has(path.extname(entry.name).toLowerCase()) ? [full] : [];
  });
}

function readFile(file: string, result: LoadResult): void {
  try {
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) {
      result.skipped.push({ file, reason: `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` });
      return;
    }
    parseContent(file, readFileSync(file), result);
  } catch (error) {
    result.skipped.push({ file, reason: `cannot read file: ${(error as Error).message}` });
  }
}

function parseContent(file: string, content: Buffer, result: LoadResult): void {
  if (content.subarray(0, 8192).includes(0)) {
    result.skipped.push({ file, reason: "binary file" });
    return;
  }
  const text = content.toString("utf8").replace(/^\uFEFF/, "");
  if (text.trim() === "") {
    result.skipped.push({ file, reason: "empty file" });
    return;
  }
  if (/^\s*[[{]/.test(text)) {
    try {
      addValue(JSON.parse(text), { file, documentIndex: 0, line: 1 }, result);
      return;
    } catch {
      // Not JSON after all (YAML flow style, or broken JSON): YAML reports where it breaks.
    }
  }
  parseYaml(file, text, result);
}

function parseYaml(file: string, text: string, result: LoadResult): void {
  const { documents, lines } = parseManifestText(text);
  const lineOf = (offset: number) => lines.linePos(offset).line;
  for (const [documentIndex, document] of documents.entries()) {
    const start = document.contents?.range?.[0] ?? document.range[0];
    const line = lineOf(start);
    const [error] = document.errors;
    if (error !== undefined) {
      const errorLine = lineOf(error.pos[0]);
      result.skipped.push({
        file,
        documentIndex,
        line: errorLine,
        reason: `YAML syntax error: ${firstLine(error.message)}`,
      });
      continue;
    }
    const value: unknown = document.toJS({ maxAliasCount: 1000 });
    if (value === null || value === undefined) continue;
    const template = helmSource(leadingComment(document));
    addValue(value, { file, documentIndex, line, ...(template === undefined ? {} : { template }) }, result);
  }
}

/** The comment above a document's first line, wherever the YAML parser attached it. */
function leadingComment(document: Document.Parsed): string | undefined {
  const contents = document.contents as {
    commentBefore?: string | null;
    items?: Array<{ key?: { commentBefore?: string | null } }>;
  } | null;
  return document.commentBefore ?? contents?.commentBefore ?? contents?.items?.[0]?.key?.commentBefore ?? undefined;
}

/** `# Source: chart/templates/deployment.yaml` above a document, as Helm writes it. */
function helmSource(comment: string | undefined): string | undefined {
  const match = comment === undefined ? null : /(?:^|\n)\s*Source:\s*(\S+)/.exec(comment);
  return match?.[1];
}

function addValue(value: unknown, source: SourceRef, result: LoadResult): void {
  if (Array.isArray(value)) {
    for (const [itemIndex, item] of value.entries()) addValue(item, { ...source, itemIndex }, result);
    return;
  }
  if (typeof value !== "object" || value === null) {
    result.skipped.push({ ...where(source), reason: "not a Kubernetes object (a scalar, not a mapping)" });
    return;
  }
  const object = value as Record<string, unknown>;
  const { kind, apiVersion } = object;
  if (typeof kind !== "string" || kind === "" || typeof apiVersion !== "string" || apiVersion === "") {
    result.skipped.push({ ...where(source), reason: "not a Kubernetes object (no kind or apiVersion)" });
    return;
  }
  if (kind.endsWith("List") && Array.isArray(object.items)) {
    const dump = dumpInfo(source.file, object.metadata);
    if (dump !== undefined) result.dumps.push(dump);
    for (const [itemIndex, item] of (object.items as unknown[]).entries())
      addValue(item, { ...source, itemIndex }, result);
    return;
  }
  result.objects.push({ object: normalize(object) as Record<string, unknown>, source });
}

/** The annotations of a List written by `rampart dump`; undefined for any other List. */
function dumpInfo(file: string, metadata: unknown): DumpInfo | undefined {
  const annotations = (metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations;
  const kindsRead = annotations?.[DUMP_ANNOTATIONS.kindsRead];
  if (typeof kindsRead !== "string") return undefined;
  const unreadable = new Map<string, string>();
  let read = kindsRead.split(",").filter((kind) => kind !== "");
  try {
    const parsed: unknown = JSON.parse(String(annotations?.[DUMP_ANNOTATIONS.unreadable] ?? "{}"));
    for (const [kind, reason] of Object.entries(parsed as Record<string, unknown>))
      unreadable.set(kind, String(reason));
  } catch {
    // Which kinds the cluster refused is not known: none is taken as read.
    read = [];
  }
  const clusterName = annotations?.[DUMP_ANNOTATIONS.clusterName];
  return {
    file,
    kindsRead: read,
    unreadable,
    ...(typeof clusterName === "string" ? { clusterName } : {}),
  };
}

function where(source: SourceRef): Omit<SkippedInput, "reason"> {
  return { file: source.file, line: source.line, documentIndex: source.documentIndex };
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
