// Configuration files are YAML or JSON; a problem in one names the file and line.
import { readFileSync } from "node:fs";
import { type Document, LineCounter, parseDocument } from "yaml";
import { YamlKeyTracker } from "../input/duplicate-keys.js";

export class ConfigError extends Error {
  override name = "ConfigError";
}

export interface ParsedConfig {
  readonly file: string;
  readonly document: Document.Parsed;
  readonly lines: LineCounter;
}

/** Parses a YAML/JSON file, or throws ConfigError at the first syntax error or duplicate key. */
function parseConfig(file: string, text: string): ParsedConfig {
  const lines = new LineCounter();
  const keys = new YamlKeyTracker();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: keys.uniqueKeys });
  const lineOf = (offset: number) => lines.linePos(offset).line;
  const [duplicate] = keys.duplicatesIn(0, text.length + 1, document.contents, lineOf);
  const [error] = document.errors.filter((error) => error.code !== "DUPLICATE_KEY" || duplicate === undefined);
  if (error !== undefined) throw new ConfigError(`${file}:${lineOf(error.pos[0])}: ${error.message.split("\n")[0]}`);
  if (duplicate !== undefined) {
    throw new ConfigError(
      `${file}:${duplicate.line}: duplicate key "${duplicate.key}" (first at line ${duplicate.firstLine}): a key is written once`,
    );
  }
  return { file, document, lines };
}

/** Reads and parses the configuration file `file` (`what` names it in errors: "exceptions"). */
export function loadConfig(file: string, what: string): ParsedConfig {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(`cannot read ${what} ${file}: ${(error as Error).message}`);
  }
  return parseConfig(file, text);
}

/** `file:line` of a node of the document (or of the file, when the node has no position). */
export function locate(config: ParsedConfig, node: unknown): string {
  const line = lineOf(config, node);
  return line === undefined ? config.file : `${config.file}:${line}`;
}

/** The 1-based line of a node of the document (undefined when the node has no position). */
export function lineOf(config: ParsedConfig, node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range === undefined ? undefined : config.lines.linePos(range[0]).line;
}

/** The closest of `candidates` to `word`, when close enough to be a likely typo. */
export function suggestion(word: string, candidates: Iterable<string>): string {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  }
  return best !== undefined && best.distance <= Math.max(2, Math.floor(word.length / 4))
    ? ` (did you mean ${best.candidate}?)`
    : "";
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
