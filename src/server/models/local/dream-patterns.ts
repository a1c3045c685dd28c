import 'server-only';
// Inductive patterns for the offline dreamer: a salient word that recurs across ≥2 statements about the peer is a
// pattern (only words of the everyday-topic lexicon qualify); what the statements say about it (liking, doing it regularly) decides its type, the support its confidence.
import type { DreamConclusion, DreamOutput } from '../engine-types';
import { topicsOfWord } from './everyday-topics';
import { predicateOf } from './fact-slots';
import { canonical, STOP_WORDS, words } from './text-normalise';

type Induction = DreamOutput['inductions'][number];

const MAX_PATTERNS = 5;
const GENERIC = new Set(
  ('like dislike has have get start move go make time year day week month thing lot new one good well also much many way ' +
    'around previous earlier know think want need feel say tell told use see look come take give keep begin').split(' ').map(canonical),
);
const MONTHS = /^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/;
const PREFERENCE = /\b(?:love|loves|like|likes|enjoy|enjoys|prefer|prefers|favou?rite|adore|adores|fan of|into|hate|hates|dislike|dislikes)\b/i;
const HABIT = /\b(?:every|usually|always|often|regularly|daily|weekly|each|routine|weekends|mornings|evenings|habit|tends to)\b/i;

export function confidenceFor(support: number): Induction['confidence'] {
  return support >= 5 ? 'high' : support >= 3 ? 'medium' : 'low';
}

function patternType(contents: string[]): string {
  const share = (re: RegExp) => contents.filter((c) => re.test(c)).length / contents.length;
  if (share(HABIT) >= 0.5) return 'habit';
  if (share(PREFERENCE) >= 0.5) return 'preference';
  return 'interest';
}

export function findPatterns(conclusions: readonly DreamConclusion[], peer: string, existing: Set<string>): Induction[] {
  const peerTerms = new Set(words(peer).map(canonical));
  const support = new Map<string, { ids: Set<string>; surface: Map<string, number> }>();
  for (const c of conclusions) {
    const predicate = predicateOf(c.content, peer) ?? c.content;
    for (const word of words(predicate)) {
      const term = canonical(word);
      if (STOP_WORDS.has(word) || GENERIC.has(term) || peerTerms.has(term) || term.length < 3 || /\d/.test(term) || MONTHS.test(word)) continue;
      // Only things a person does, has or cares about (everyday-topics.ts) make a pattern: "pottery" does, "help",
      // "great" or "gonna" do not. Preference words are the pattern's type, not its subject.
      const topics = /ed$/.test(word) ? [] : topicsOfWord(word);
      if (topics.length === 0 || (topics.length === 1 && topics[0] === 'likes') || topics.includes('plans')) continue;
      const entry = support.get(term) ?? { ids: new Set<string>(), surface: new Map<string, number>() };
      entry.ids.add(c.id);
      entry.surface.set(word, (entry.surface.get(word) ?? 0) + 1);
      support.set(term, entry);
    }
  }
  const byId = new Map(conclusions.map((c) => [c.id, c]));
  const ranked = [...support.entries()]
    .filter(([, e]) => e.ids.size >= 2)
    .sort(([ta, a], [tb, b]) => b.ids.size - a.ids.size || ta.localeCompare(tb));

  const patterns: Induction[] = [];
  const covered: Set<string>[] = [];
  for (const [, entry] of ranked) {
    if (patterns.length >= MAX_PATTERNS) break;
    // Two words always mentioned together ("dog", "Rex") describe one pattern, not two.
    if (covered.some((ids) => [...entry.ids].every((id) => ids.has(id)))) continue;
    const surface = [...entry.surface.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    const ids = [...entry.ids];
    const type = patternType(ids.map((id) => byId.get(id)!.content));
    const content =
      type === 'habit'
        ? `${peer} has a recurring habit involving ${surface}`
        : type === 'preference'
          ? `${peer} shows a lasting preference involving ${surface}`
          : `${surface} is a recurring topic in what ${peer} shares`;
    covered.push(entry.ids);
    if (existing.has(content.toLowerCase())) continue;
    patterns.push({ content, sourceIds: ids, patternType: type, confidence: confidenceFor(ids.length) });
  }
  return patterns;
}
