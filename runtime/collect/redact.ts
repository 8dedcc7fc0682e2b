// What of a sensitive file may leave the node. An encryption configuration is rebuilt from the
// fields the controls read (resources, provider types, key names, KMS settings), so that no key
// (nor anything unknown, an anchor holding a key for instance) is ever copied; a kubelet config
// loses the values of staticPodURLHeader (credentials for the static pod URL). A file that does
// not parse is not sent at all.
import { parse, stringify } from "yaml";
import { type Lookup, unreadable } from "./host-fs.js";

export const REDACTED = "<REDACTED>";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : undefined;
}

/** Copies the keys of `source` listed in `keys` whose values are strings or numbers. */
function scalars(source: Json, keys: readonly string[]): Json {
  const copy: Json = {};
  for (const key of keys) {
    const value = source[key];
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") copy[key] = value;
  }
  return copy;
}

function parsed(content: Buffer): Lookup<unknown> {
  try {
    return { state: "found", value: parse(content.toString("utf8"), { maxAliasCount: 100 }) };
  } catch (error) {
    return unreadable(`does not parse (${(error as Error).message.split("\n")[0]}): its content is not sent`);
  }
}

/** A provider of an EncryptionConfiguration, keeping its type and no secret. */
function provider(entry: unknown): Json {
  if (!isObject(entry)) return {};
  const safe: Json = {};
  for (const [type, settings] of Object.entries(entry)) {
    if (!isObject(settings)) {
      safe[type] = {};
    } else if (type === "kms") {
      safe[type] = scalars(settings, ["apiVersion", "name", "endpoint", "cachesize", "timeout"]);
    } else {
      // aescbc, aesgcm, secretbox (and any other): key names only, each secret replaced.
      const keys = Array.isArray(settings.keys)
        ? settings.keys.map((key) => ({ ...(isObject(key) ? scalars(key, ["name"]) : {}), secret: REDACTED }))
        : undefined;
      safe[type] = keys === undefined ? {} : { keys };
    }
  }
  return safe;
}

/** An EncryptionConfiguration with every key replaced by <REDACTED> and nothing unknown kept. */
export function redactEncryptionConfig(content: Buffer): Lookup<Buffer> {
  const document = parsed(content);
  if (document.state !== "found") return document;
  if (!isObject(document.value)) return unreadable("not an EncryptionConfiguration object: its content is not sent");
  const source = document.value;
  const resources = Array.isArray(source.resources) ? source.resources : [];
  const safe = {
    ...scalars(source, ["apiVersion", "kind"]),
    resources: resources.filter(isObject).map((resource) => ({
      ...(strings(resource.resources) === undefined ? {} : { resources: strings(resource.resources) }),
      providers: Array.isArray(resource.providers) ? resource.providers.map(provider) : [],
    })),
  };
  return { state: "found", value: Buffer.from(stringify(safe, { lineWidth: 0 })) };
}

/** A kubelet config as is, except the values of staticPodURLHeader (HTTP headers, e.g. a bearer token). */
export function redactKubeletConfig(content: Buffer): Lookup<Buffer> {
  const document = parsed(content);
  if (document.state !== "found") return document;
  if (!isObject(document.value)) return unreadable("not a KubeletConfiguration object: its content is not sent");
  const headers = document.value.staticPodURLHeader;
  if (headers === undefined) return { state: "found", value: content };
  const redacted = {
    ...document.value,
    staticPodURLHeader: isObject(headers)
      ? Object.fromEntries(Object.keys(headers).map((name) => [name, [REDACTED]]))
      : REDACTED,
  };
  return { state: "found", value: Buffer.from(stringify(redacted, { lineWidth: 0 })) };
}
