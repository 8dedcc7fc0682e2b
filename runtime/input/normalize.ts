// A missing field and an explicit null mean the same thing (DESIGN.md). The API server drops
// nulls when it decodes an object; scans do the same here, once, so every engine (and the
// TypeScript reference, where `null !== undefined`) sees one representation. Node facts also get
// their embedded file contents decoded here (runtime/input/host-data.ts), once for every engine.
import { isNodeFacts, withDecodedContents } from "./host-data.js";

export function normalize(value: unknown): unknown {
  const plain = dropNulls(value);
  return typeof plain === "object" &&
    plain !== null &&
    !Array.isArray(plain) &&
    isNodeFacts(plain as Record<string, unknown>)
    ? dropNulls(withDecodedContents(plain))
    : plain;
}

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== null && field !== undefined) out[key] = dropNulls(field);
  }
  return out;
}
