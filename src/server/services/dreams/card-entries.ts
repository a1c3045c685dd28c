// Background card writes keep a card short and clean (docs/api.md#s5-5): at most 40 entries of at most 200
// characters, NUL removed, blank entries dropped, duplicates (case-insensitive, trimmed) removed keeping the first.
// `PUT …/card` bypasses this on purpose: it stores exactly what it receives.

export const MAX_CARD_ENTRIES = 40;
export const MAX_CARD_ENTRY_CHARS = 200;

export function normaliseCardEntries(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of entries) {
    // Whitespace runs collapse, so "Lives in  Lisbon" and "lives in Lisbon" are one entry.
    const text = raw.replace(/\u0000/g, '').replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const entry = truncate(text);
    const key = entry.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(entry);
    if (out.length === MAX_CARD_ENTRIES) break;
  }
  return out;
}

/** At most MAX_CARD_ENTRY_CHARS UTF-16 units, cut on a code-point boundary so an emoji never becomes a lone surrogate. */
function truncate(text: string): string {
  if (text.length <= MAX_CARD_ENTRY_CHARS) return text;
  let out = '';
  for (const codePoint of text) {
    if (out.length + codePoint.length > MAX_CARD_ENTRY_CHARS) break;
    out += codePoint;
  }
  return out.trim();
}
