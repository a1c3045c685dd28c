import 'server-only';
// Reduces a statement to a polarity-free key ("alice doesn't like coffee" and "alice loves coffee" → "like coffee"),
// so the dreamer can see two statements about the same thing that disagree. "no longer", "stopped" and "anymore"
// mark a change over time (a knowledge update) rather than a contradiction.
import { predicateOf, withoutDate } from './fact-slots';
import { canonical, STOP_WORDS, words } from './text-normalise';

export type Polarity = { key: string; negative: boolean; change: boolean };

const NEGATORS = new Set(['not', 'never', 'no']);
const CHANGE = /\b(?:no longer|anymore|any more|stopped|quit|gave up|used to)\b/i;
const CHANGE_WORDS = new Set(['longer', 'anymore', 'stopped', 'stop', 'quit', 'gave', 'give', 'used', 'any', 'more']);
// Verbs whose opposite is a negation of the same key.
const NEGATIVE_VERBS: Record<string, string> = { dislike: 'like', dislikes: 'like', hate: 'like', hates: 'like', detests: 'like' };

export function polarityOf(content: string, peer: string): Polarity | null {
  const predicate = predicateOf(content, peer);
  if (!predicate) return null;
  const text = withoutDate(predicate);
  let negative = false;
  const terms: string[] = [];
  for (const word of words(text)) {
    if (NEGATORS.has(word)) {
      negative = !negative;
      continue;
    }
    if (NEGATIVE_VERBS[word]) {
      negative = !negative;
      terms.push(NEGATIVE_VERBS[word]!);
      continue;
    }
    if (CHANGE_WORDS.has(word) || STOP_WORDS.has(word)) continue;
    terms.push(canonical(word));
  }
  const change = CHANGE.test(text);
  // "used to" / "stopped" / "quit" state that something is over: a negative statement about the present.
  if (change && !/\bno longer\b/i.test(text) && !negative) negative = true;
  if (terms.length < 2) return null;
  return { key: terms.join(' '), negative, change };
}
