// What makes a console search hit a good match, and which words to highlight in it. Hybrid ranking always returns
// the nearest rows, even for a query nothing in the app is about (the embedding leg has no floor), so the console
// shows as results only the hits that contain a word of the query (a light stemmer lets "moving" find "moved"); the
// rest are offered as loose matches behind a "no good match" notice instead of twenty confident-looking results.

/** Words too common to make a hit relevant on their own. */
const STOPWORDS = new Set(
  'a an and are as at be but by can did do does for from had has have he her his how i if in into is it its me my no not of on or our she so than that the their them then there these they this to up us was we were what when where which who why will with you your'.split(
    ' ',
  ),
);

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** A crude English stem: enough that "moved", "moves" and "moving" meet at "mov". */
export function stem(word: string): string {
  const w = word.toLowerCase().replace(/['’]s$/u, '');
  for (const suffix of ['ingly', 'edly', 'ing', 'ies', 'ied', 'es', 'ed', 'ly', 's', 'e']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) return w.slice(0, -suffix.length);
  }
  return w;
}

/** The stems a hit must contain one of: the query's words minus stopwords (all words if nothing else is left). */
export function queryTerms(query: string): string[] {
  const words = [...query.matchAll(WORD)].map((m) => m[0].toLowerCase());
  const meaningful = words.filter((w) => !STOPWORDS.has(w) && w.length > 1);
  return [...new Set((meaningful.length > 0 ? meaningful : words).map(stem))];
}

export type Highlight = [start: number, end: number];

/** Character ranges of the words in `content` that match a query term (same stem, or the term is a prefix of it). */
export function highlightRanges(content: string, terms: readonly string[]): Highlight[] {
  if (terms.length === 0) return [];
  const ranges: Highlight[] = [];
  for (const match of content.matchAll(WORD)) {
    const s = stem(match[0]);
    if (terms.some((t) => s === t || (t.length >= 3 && s.startsWith(t)))) ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}
