// Webhook bodies are compact JSON with recursively sorted object keys (docs/api.md#s5-7), so a receiver (or a
// test) can recompute the signed bytes from the parsed event and two deliveries of one event are byte-identical.

/** JSON.stringify with every object's keys sorted (code-unit order, like Python's sort_keys) and no whitespace. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort()) {
      // undefined members vanish from JSON anyway; skipping them keeps the key order logic simple.
      if (source[key] !== undefined) sorted[key] = sortKeys(source[key]);
    }
    return sorted;
  }
  return value;
}
