// Reads what users scan: files, folders (recursively), globs and stdin, holding YAML
// (multi-document) or JSON, single objects, `List` kinds or JSON arrays, Helm and Kustomize
// output, cluster dumps. Nothing here throws for bad input: each problem becomes a skipped
// entry naming the file (and line) and the rest goes on. A document with a duplicate key is
// skipped (only the List item that holds it, in a List or a top-level array), never merged.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { globSync } from "tinyglobby";
import type { Document } from "yaml";
import { type DuplicateKey, duplicateKeyText, jsonDuplicateKeys } from "./duplicate-keys.js";
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
  /** The Lists written by `rampart dump` among the inputs (loadInputs always sets it). */
  readonly dumps?: DumpInfo[];
}

/** Files above this size are skipped rather than read into memory. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;
const MANIFEST_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

export interface LoadOptions {
  /** Standard input, when a path is `-`. */
  readonly stdin?: () => Buffer;
}

export function loadInputs(paths: readonly string[], options: LoadOptions = {}): LoadResult {
  const result = { objects: [], skipped: [], dumps: [] as DumpInfo[] } satisfies LoadResult;
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
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      // Not JSON after all (YAML flow style, or broken JSON): YAML reports where it breaks.
      parseYaml(file, text, result);
      return;
    }
    addValue(value, { file, documentIndex: 0, line: 1 }, result, jsonDuplicateKeys(text));
    return;
  }
  parseYaml(file, text, result);
}

function parseYaml(file: string, text: string, result: LoadResult): void {
  const parsed = parseManifestText(text);
  const { documents, lines } = parsed;
  const lineOf = (offset: number) => lines.linePos(offset).line;
  for (const [documentIndex, document] of documents.entries()) {
    const start = document.contents?.range?.[0] ?? document.range[0];
    const line = lineOf(start);
    const duplicates = document.errors.some((error) => error.code === "DUPLICATE_KEY")
      ? parsed.duplicateKeys(document)
      : [];
    // Duplicate keys are described below (with the line of the first); any other error first.
    const [error] = document.errors.filter((error) => error.code !== "DUPLICATE_KEY" || duplicates.length === 0);
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
    addValue(value, { file, documentIndex, line, ...(template === undefined ? {} : { template }) }, result, duplicates);
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

/**
 * Adds the objects of a parsed document. `duplicates` are its duplicate keys: the List items (or
 * top-level array items) that hold one are skipped, and the whole document when one is outside
 * every item.
 */
function addValue(
  value: unknown,
  source: SourceRef,
  result: LoadResult,
  duplicates: readonly DuplicateKey[] = [],
): void {
  const list = Array.isArray(value) ? value : isListObject(value) ? (value.items as unknown[]) : undefined;
  const outside = duplicates.find((duplicate) => list === undefined || duplicate.itemIndex === undefined);
  if (outside !== undefined) {
    result.skipped.push({ ...where(source), line: outside.line, reason: duplicateKeyText(outside) });
    return;
  }
  if (list !== undefined) {
    const dump = Array.isArray(value) ? undefined : dumpInfo(source.file, (value as { metadata?: unknown }).metadata);
    if (dump !== undefined) result.dumps?.push(dump);
    for (const [itemIndex, item] of list.entries()) {
      const duplicate = duplicates.find((entry) => entry.itemIndex === itemIndex);
      if (duplicate === undefined) addValue(item, { ...source, itemIndex }, result);
      else
        result.skipped.push({
          ...where(source),
          line: duplicate.line,
          reason: `item ${itemIndex}: ${duplicateKeyText(duplicate)}`,
        });
    }
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
  result.objects.push({ object: normalize(object) as Record<string, unknown>, source });
}

/** A `List` kind (`kubectl get … -o json`): its objects are its items. */
function isListObject(value: unknown): value is Record<string, unknown> & { items: unknown[] } {
  if (typeof value !== "object" || value === null) return false;
  const { kind, apiVersion, items } = value as Record<string, unknown>;
  return (
    typeof kind === "string" &&
    kind.endsWith("List") &&
    typeof apiVersion === "string" &&
    apiVersion !== "" &&
    Array.isArray(items)
  );
}

function where(source: SourceRef): Omit<SkippedInput, "reason"> {
  return { file: source.file, line: source.line, documentIndex: source.documentIndex };
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
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
