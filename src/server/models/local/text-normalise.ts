import 'server-only';
// Shared word handling for the offline engines: tokens, stop words, a light English stemmer and a small synonym
// table. Deliberately small and deterministic: it only has to make "works as a nurse" and "nursing job" land near
// each other, not rival a real lemmatiser.

export const STOP_WORDS = new Set(
  (
    'a an the and or but if then so of to in on at by for with from into onto about as is am are was were be been being ' +
    'do does did doing done have has had having i me my mine myself we us our ours you your yours he him his she her hers ' +
    'it its they them their theirs this that these those there here what which who whom whose when where why how ' +
    'not no nor too very can could will would shall should may might must just also only than such some any each every ' +
    'all both few more most other own same again further once up down out off over under very s t d ll m re ve y ' +
    'around really quite now still yet even ever'
  ).split(/\s+/),
);

// Words that mean the same thing in the statements people make about themselves; mapped before stemming.
const SYNONYMS: Record<string, string> = {
  job: 'work', occupation: 'work', career: 'work', profession: 'work', employed: 'work', working: 'work', works: 'work',
  reside: 'live', resides: 'live', residing: 'live', lives: 'live', living: 'live', lived: 'live', home: 'live',
  moved: 'move', relocated: 'move', relocate: 'move', moving: 'move', moves: 'move',
  love: 'like', loves: 'like', loved: 'like', enjoy: 'like', enjoys: 'like', enjoyed: 'like', likes: 'like', liked: 'like',
  adore: 'like', adores: 'like', fond: 'like', favorite: 'like', favourite: 'like', prefer: 'like', prefers: 'like',
  hate: 'dislike', hates: 'dislike', detest: 'dislike', dislikes: 'dislike',
  mom: 'mother', mum: 'mother', mommy: 'mother', dad: 'father', daddy: 'father', kid: 'child', kids: 'child',
  children: 'child', son: 'child', daughter: 'child', wife: 'spouse', husband: 'spouse', partner: 'spouse',
  car: 'vehicle', auto: 'vehicle', automobile: 'vehicle', physician: 'doctor', doc: 'doctor',
  puppy: 'dog', doggy: 'dog', kitten: 'cat', kitty: 'cat', film: 'movie', films: 'movie', movies: 'movie',
  jogging: 'run', running: 'run', ran: 'run', runs: 'run', hike: 'hiking', hikes: 'hiking', hiked: 'hiking',
  purchased: 'buy', bought: 'buy', buys: 'buy', got: 'get', gets: 'get', obtained: 'get',
  began: 'start', started: 'start', begun: 'start', starts: 'start', commenced: 'start',
  wed: 'married', marry: 'married', marriage: 'married',
};

/** Lower-cased word tokens (letters, digits, inner apostrophes), with `n't` split into a `not`. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().replace(/[’‘]/g, "'").match(/[\p{L}\p{N}]+(?:'[\p{L}]+)*/gu) ?? []) {
    if (raw.endsWith("n't")) {
      const base = raw.slice(0, -3);
      out.push(base === 'wo' ? 'will' : base === 'ca' ? 'can' : base, 'not');
    } else {
      out.push(raw.replace(/'(s|re|ve|ll|d|m)$/, ''));
    }
  }
  return out;
}

/** A light suffix-stripping stemmer: enough to merge plurals, tenses and -ing forms of common words. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  for (const suffix of ['ational', 'ization', 'fulness', 'ousness', 'iveness']) {
    if (w.endsWith(suffix)) return w.slice(0, -suffix.length + 3);
  }
  for (const suffix of ['ments', 'ment', 'ness', 'ingly', 'edly', 'ings', 'ing', 'ed', 'ly', 'es', 's']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      if (suffix === 's' && (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is'))) continue;
      if (suffix === 'es' && !/(sh|ch|x|z|ss|o)es$/.test(w)) continue;
      w = w.slice(0, -suffix.length);
      // "running" → "runn" → "run"; "hoped" → "hop" is acceptable noise.
      if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
      return w;
    }
  }
  return w;
}

/** Canonical form of one word: synonym first, then stem. */
export function canonical(word: string): string {
  return stem(SYNONYMS[word] ?? word);
}

/** Canonical content words of a text, in order (stop words removed). */
export function contentTerms(text: string): string[] {
  return words(text)
    .filter((w) => !STOP_WORDS.has(w))
    .map(canonical);
}
