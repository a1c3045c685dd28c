import 'server-only';
// The classes of derived "fact" that say nothing a reader can use. The offline extractor and dreamer drop them before
// writing, and `npm run bench:facts` counts them in whatever an engine (offline or a provider's model) produced:
// - pronoun-object: the object is a bare pronoun whose referent was left behind in the conversation ("alice drew it");
// - own-name: the subject's own name stated as a property of itself ("alice is Alice", "alice loves alice");
// - fragment: a clause cut off or run into the next sentence ("alice's goal of having a family This is a big move towards");
// - question: a question, not a statement.
import { predicateOf, withoutDate } from './fact-slots';
import { looksLikeVerb } from './first-person';

export type JunkClass = 'pronoun-object' | 'own-name' | 'fragment' | 'question';
export const JUNK_CLASSES: readonly JunkClass[] = ['pronoun-object', 'own-name', 'fragment', 'question'];

const BARE_PRONOUN = /^(?:it|this|that|these|those|them|one|ones|him|her|there)$/i;
// Trailing words that do not change what the object is ("tried it again", "loves it so much").
const TRAILING =
  /\s+(?:again|too|as well|also|sometime|someday|some time|one day|later|soon|now|then|anymore|any more|so much|very much|a lot|lots|a bit|a little|more|all|though|either|yet|already|first|together|today|tonight|anyway|really|definitely|totally|for sure|for a while|every day|each day|forever)$/i;
// Words a finished clause does not end on. Prepositions are left out: English strands them ("the shelter she
// volunteers at"); so are auxiliaries, which only mark a fragment in a short predicate ("alice definitely will").
const DANGLING_END =
  /\s(?:to|towards|toward|of|a|an|the|and|or|but|my|his|their|our|its|because|than|if|when|while|which|whose|every|each|such|like)$/i;
const SHORT_DANGLING = /\s(?:will|would|can|could|should|might|must|do|does|did|is|are|was|were|has|have|had|so|not|to)$/i;
// A sentence run into the previous one: "…a family This is…", "…it was great It made…".
const RUN_ON = /\b[a-z][a-z']*\s+(?:This|That|It|I|These|Those|There|We|They|He|She)\s+[a-z]/;
const FINITE = /^(?:is|are|was|were|has|have|had|will|would|can|could|should|might|must|may|does|do|did|isn't|aren't|wasn't|won't|can't|'s|'re)$/i;
const WH_START = /^(?:what|why|how|where|when|who|whom|whose|which|whether)\b/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function core(text: string): string {
  let current = withoutDate(text.replace(/\s*\([^)]*\)\s*$/, '').replace(/[.!,;:]+$/, '').trim());
  for (let previous = ''; previous !== current; ) {
    previous = current;
    current = current.replace(TRAILING, '').replace(/[.!,;:]+$/, '').trim();
  }
  return current;
}

/** The junk class of a fact about `peer`, or null when it reads as a usable statement. */
export function junkClassOf(content: string, peer: string): JunkClass | null {
  const text = content.trim();
  if (text.includes('?')) return 'question';
  const predicate = predicateOf(text, peer) ?? text;
  if (WH_START.test(predicate.trim())) return 'question';
  const body = core(predicate);
  const name = escapeRegExp(peer);
  const tokens = body.split(/\s+/).filter(Boolean);
  const last = tokens.at(-1) ?? '';
  // The name as the object of a short predicate ("is Alice", "loves alice", "celebrated Caroline") states nothing;
  // the name later in a longer sentence is the rewritten "I" of a subordinate clause ("knows alice will be ok").
  if (tokens.length <= 3 && new RegExp(String.raw`^${name}$`, 'i').test(last)) return 'own-name';
  if (/^(?:is|was|'s name is|is called|goes by)\s/i.test(body) && new RegExp(String.raw`^(?:is|was|'s name is|is called|goes by)\s+${name}\b`, 'i').test(body)) return 'own-name';
  if (BARE_PRONOUN.test(last)) return 'pronoun-object';
  // "will check it out", "picked them up": the pronoun is still the whole object, a particle follows it.
  if (/\b(?:it|them|this|that)\s+(?:out|up|off|over|back|down|away|on|in)$/i.test(body)) return 'pronoun-object';
  if (tokens.length === 0 || RUN_ON.test(body) || DANGLING_END.test(` ${body}`)) return 'fragment';
  if (tokens.length <= 3 && SHORT_DANGLING.test(` ${body}`)) return 'fragment';
  // "alice's goal of having a family": a possessive noun phrase with no verb after it is not a statement.
  if (/^'s\s/.test(body) && !tokens.slice(2).some((t) => FINITE.test(t) || looksLikeVerb(t) || /^[a-z]{3,}s$/i.test(t))) return 'fragment';
  return null;
}
