// The YAML documents of a manifest's text, parsed one way for everything that reads manifests:
// the loader (objects and the lines they start at) and positions (the line of a field), so that
// document indexes and lines always agree.
import { LineCounter, parseAllDocuments, type Document as YamlDocument } from "yaml";

/** The documents of one text, with its line offsets. */
export interface ParsedText {
  readonly documents: readonly YamlDocument.Parsed[];
  readonly lines: LineCounter;
}

/**
 * Every document of `text` (a leading byte order mark dropped): duplicate keys allowed (the last
 * wins, as kubectl reads them), `<<` merge keys applied, errors kept on their document.
 */
export function parseManifestText(text: string): ParsedText {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text.replace(/^\uFEFF/, ""), {
    uniqueKeys: false,
    merge: true,
    prettyErrors: false,
    lineCounter: lines,
  });
  return { documents: Array.isArray(parsed) ? parsed : [], lines };
}
