// Node facts (Kubescape's host data, `apiVersion: hostdata.kubescape.cloud/v1beta0`) embed the
// content of some files base64-encoded (`content`): the kubelet's config file, the API server's
// encryption configuration and audit policy. A scan decodes each once, here, and sets the mapping
// it holds beside it (`decoded`), so that every engine reads the same values and none decodes
// base64 or YAML itself (Go's YAML reader and the JavaScript ones disagree on the edges). A value
// that is not base64 of a YAML mapping, or is too large, is an error of its object
// (runtime/input/shape.ts), never a crash.
import { parse } from "yaml";
import { NODE_FACT_KINDS } from "../../dsl/index.js";

/** The largest `content` a scan decodes: 1 MiB of base64 (768 KiB of file), far above any config file. */
export const MAX_CONTENT_CHARS = 1024 * 1024;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export type Decoded = { readonly mapping: Record<string, unknown> } | { readonly problem: string };

/**
 * A file's `content` read as the component reads the file: base64 (standard alphabet, padded;
 * line breaks ignored, as Go's decoder does), then YAML 1.1 as sigs.k8s.io/yaml reads it, which
 * must give a mapping. Anchors are expanded a bounded number of times.
 */
export function decodeContent(content: string): Decoded {
  if (content.length > MAX_CONTENT_CHARS)
    return { problem: `expected at most ${MAX_CONTENT_CHARS} characters of base64, found ${content.length}` };
  const compact = content.replace(/[\r\n]/g, "");
  if (!BASE64.test(compact)) return { problem: "expected base64 (standard alphabet, padded), found other text" };
  const text = Buffer.from(compact, "base64").toString("utf8");
  let value: unknown;
  try {
    value = parse(text, { version: "1.1", maxAliasCount: 100, uniqueKeys: true, prettyErrors: false });
  } catch (error) {
    const reason = ((error as Error).message.split("\n")[0] ?? "").replace(/ at line .*$/, "");
    return { problem: `expected base64 of a YAML mapping, found text YAML does not read (${reason})` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return { problem: "expected base64 of a YAML mapping, found base64 of another YAML value" };
  // JSON values only (dates and binary become strings), nulls dropped as everywhere else.
  return { mapping: JSON.parse(JSON.stringify(value, jsonReplacer)) as Record<string, unknown> };
}

function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? Number(value) : value;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Whether an object is node facts: controls take objects by kind, so the kind decides (their apiVersion is hostdata.kubescape.cloud/v1beta0). */
export function isNodeFacts(object: Readonly<Record<string, unknown>>): boolean {
  return (NODE_FACT_KINDS as readonly unknown[]).includes(object.kind);
}

/**
 * An object as the loader hands it to the engines, explicit nulls aside: node facts with their
 * contents decoded (see withDecodedContents), any other object as it is.
 */
export function withNodeFactsDecoded<T>(object: T): T {
  return isMapping(object) && isNodeFacts(object) ? (withDecodedContents(object) as T) : object;
}

/**
 * The same value with `decoded` set beside every `content` string below `data` that decodes (and
 * any `decoded` given removed): what controls read. Other values are returned as they are.
 */
export function withDecodedContents(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withDecodedContents);
  if (!isMapping(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (key !== "decoded") out[key] = withDecodedContents(field);
  if (typeof value.content === "string") {
    const decoded = decodeContent(value.content);
    if ("mapping" in decoded) out.decoded = decoded.mapping;
  }
  return out;
}
