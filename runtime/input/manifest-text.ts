// The YAML documents of a manifest's text, parsed one way for everything that reads manifests:
// the loader (objects and the lines they start at) and positions (the line of a field), so that
// document indexes and lines always agree.
import { LineCounter, parseAllDocuments, type Document as YamlDocument } from "yaml";
import { type DuplicateKey, YamlKeyTracker } from "./duplicate-keys.js";

/** The documents of one text, with its line offsets. */
export interface ParsedText {
  readonly documents: readonly YamlDocument.Parsed[];
  readonly lines: LineCounter;
  /** The duplicate keys of a document (each is also a DUPLICATE_KEY error of the document). */
  readonly duplicateKeys: (document: YamlDocument.Parsed) => DuplicateKey[];
}

/**
 * Every document of `text` (a leading byte order mark dropped): `<<` merge keys applied, errors
 * kept on their document. A key written twice in a mapping (compared as JSON keys) is an error
 * of its document, which `duplicateKeys` describes.
 */
export function parseManifestText(text: string): ParsedText {
  const lines = new LineCounter();
  const keys = new YamlKeyTracker();
  const parsed = parseAllDocuments(text.replace(/^\uFEFF/, ""), {
    uniqueKeys: keys.uniqueKeys,
    merge: true,
    prettyErrors: false,
    lineCounter: lines,
  });
  return {
    documents: Array.isArray(parsed) ? parsed : [],
    lines,
    duplicateKeys: (document) =>
      keys.duplicatesIn(
        document.range[0],
        document.range[2],
        document.contents,
        (offset) => lines.linePos(offset).line,
      ),
  };
}
