// A missing field and an explicit null mean the same thing (DESIGN.md). The API server drops
// nulls when it decodes an object; scans do the same here, once, so every engine (and the
// TypeScript reference, where `null !== undefined`) sees one representation.

export function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field !== null && field !== undefined) out[key] = normalize(field);
  }
  return out;
}
