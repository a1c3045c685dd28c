import 'server-only';
// Reads identity facts ("alice lives in Lisbon", "alice works as a nurse") into named slots. A slot holds one
// value at a time, so a newer fact in the same slot replaces the older one (a knowledge update), and the latest
// value of each slot is what the peer card shows.

export type SlotKey = 'name' | 'age' | 'location' | 'hometown' | 'occupation' | 'employer' | 'relationship';
export type Slot = { key: SlotKey; value: string };

export const SLOT_LABELS: Record<SlotKey, string> = {
  name: 'Name',
  age: 'Age',
  location: 'Location',
  hometown: 'From',
  occupation: 'Occupation',
  employer: 'Employer',
  relationship: 'Relationship status',
};
export const SLOT_ORDER: SlotKey[] = ['name', 'age', 'location', 'hometown', 'occupation', 'employer', 'relationship'];

const ADVERBS = String.raw`(?:(?:now|currently|recently|just|finally|still|officially)\s+)*`;
const PATTERNS: { key: SlotKey; pattern: RegExp }[] = [
  { key: 'name', pattern: /^'s (?:full |real )?name is (.+)$/i },
  { key: 'name', pattern: /^(?:is called|goes by) (.+)$/i },
  { key: 'age', pattern: /^is (\d{1,3})(?: years old| years of age| yo)?$/i },
  { key: 'age', pattern: new RegExp(String.raw`^${ADVERBS}turned (\d{1,3})\b`, 'i') },
  {
    key: 'location',
    pattern: new RegExp(
      String.raw`^${ADVERBS}(?:lives|is living|has been living|has lived|resides|moved|has moved|relocated|has relocated|is based|is located|settled)\s+(?:in|to)\s+(.+)$`,
      'i',
    ),
  },
  { key: 'hometown', pattern: /^(?:is|comes) (?:originally )?from (.+)$/i },
  {
    key: 'occupation',
    pattern: new RegExp(
      String.raw`^${ADVERBS}(?:works|is working|has been working|started working|began working|got a (?:new )?job|found a (?:new )?job|started a (?:new )?job|took a (?:new )?job|is employed|has a (?:new )?job|works full[- ]time|works part[- ]time)\s+as\s+(?:an?\s+)?(.+)$`,
      'i',
    ),
  },
  { key: 'occupation', pattern: new RegExp(String.raw`^${ADVERBS}became an? (.+)$`, 'i') },
  {
    key: 'employer',
    pattern: new RegExp(String.raw`^${ADVERBS}(?:works|is working|has been working|started working|got a (?:new )?job|has a job)\s+(?:at|for)\s+(.+)$`, 'i'),
  },
  {
    key: 'relationship',
    pattern: new RegExp(String.raw`^${ADVERBS}(?:is|got|has been|became)\s+(married|engaged|single|divorced|widowed|separated)\b`, 'i'),
  },
  { key: 'relationship', pattern: /^is (?:dating|seeing|in a relationship with) (.+)$/i },
];

// Appended dates from derivation ("on 2026-11-24", "(around 2026-11-18)", "in October 2026") are not part of a value.
const DATE_SUFFIX = /\s*(?:\(around [^)]*\)|on \d{4}-\d{2}-\d{2}|in (?:[A-Z][a-z]+ )?\d{4}|since \d{4}|last \w+|\d+ \w+ ago)\s*$/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The statement without its leading peer id ("alice moved to X" → "moved to X"), or null if it is about someone else. */
export function predicateOf(content: string, peer: string): string | null {
  const m = new RegExp(String.raw`^\s*${escapeRegExp(peer)}(?=\s|'s\b)`, 'i').exec(content);
  if (!m) return null;
  return content.slice(m[0].length).trim().replace(/[.!]+$/, '');
}

export function withoutDate(text: string): string {
  let current = text.trim();
  for (let previous = ''; previous !== current; ) {
    previous = current;
    current = current.replace(DATE_SUFFIX, '').trim();
  }
  return current;
}

function cleanValue(key: SlotKey, raw: string): string {
  let value = withoutDate(raw).replace(/[.,;!]+$/, '').trim();
  // "a nurse at St Mary's" is an occupation plus an employer; the occupation slot keeps the job only.
  if (key === 'occupation') value = value.split(/\s+(?:at|for|in|with|since)\s+/i)[0]!;
  if (key === 'location') value = value.split(/\s+(?:with|for|because|since|and started)\s+/i)[0]!;
  if (key === 'employer') value = value.split(/\s+(?:as|since|because)\s+/i)[0]!;
  return value.replace(/^(?:the\s+)?/i, (m) => (key === 'employer' ? m : '')).trim();
}

export function slotOf(content: string, peer: string): Slot | null {
  const predicate = predicateOf(content, peer);
  if (!predicate) return null;
  const text = withoutDate(predicate);
  for (const { key, pattern } of PATTERNS) {
    const m = pattern.exec(text);
    if (!m?.[1]) continue;
    const value = cleanValue(key, m[1]);
    if (value && value.length <= 80) return { key, value };
  }
  return null;
}

export const sameValue = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
