import 'server-only';
// Rewrites one first-person clause ("I've been working as a nurse") as a statement about a named peer
// ("alice has been working as a nurse"): pronouns become the peer id, the verb after "I" takes the third person.

const MODALS = new Set(['can', 'could', 'will', 'would', 'shall', 'should', 'may', 'might', 'must', 'used']);
const IRREGULAR_PAST = new Set(
  ('went got had was were made took met left bought began became saw came felt found gave knew lost paid ran said sold sent ' +
    'spent taught told thought won wrote grew drove flew fell kept led built broke chose ate drank forgot hurt quit put read ' +
    'set cut heard held brought caught fought stood understood swam sang rode slept woke wore threw hid shut bet let lent ' +
    'drew did dug fed hung lit meant shot shook spoke stole struck tore bit blew bent dealt dreamt learnt burnt knelt slid ' +
    'spun stuck swung wept withdrew overcame forgave sought taught')
    .split(' '),
);
const THIRD_PERSON: Record<string, string> = { am: 'is', have: 'has', do: 'does', go: 'goes', be: 'is', was: 'was' };
// Adverbs that may sit between "I" and its verb ("I really love", "I just started").
const ADVERB = String.raw`(?:(?:really|also|just|still|never|always|usually|often|sometimes|recently|finally|actually|already|even|mostly|totally|absolutely|definitely|generally|normally|rarely|seldom|hardly|truly|genuinely|now|currently|once|kind of|sort of)\s+)*`;

/** Verbs (past or present) that may start a clause sharing the previous clause's "I": "…and started a job". */
export function looksLikeVerb(word: string): boolean {
  const w = word.toLowerCase();
  return (
    IRREGULAR_PAST.has(w) ||
    (/^[a-z]{3,}ed$/.test(w) && !['need', 'feed', 'seed', 'speed', 'bed', 'red', 'shed'].includes(w)) ||
    ['am', 'have', 'love', 'like', 'enjoy', 'hate', 'live', 'own', 'plan', 'want', 'need', 'work', 'started', 'also'].includes(w)
  );
}

export function thirdPerson(verb: string): string {
  const w = verb.toLowerCase();
  if (THIRD_PERSON[w]) return THIRD_PERSON[w];
  if (MODALS.has(w) || IRREGULAR_PAST.has(w) || /ed$/.test(w) || w.includes("'")) return verb;
  if (/(s|sh|ch|x|z|o)$/.test(w)) return `${verb}es`;
  if (/[^aeiou]y$/.test(w)) return `${verb.slice(0, -1)}ies`;
  return `${verb}s`;
}

/** Replaces every first-person pronoun in `clause` by `peer`; assumes the clause is about the speaker. */
export function rewriteFirstPerson(clause: string, peerId: string): string {
  // A placeholder while rewriting, so a peer id that itself contains "me" or "my" is never rewritten again.
  const peer = '\u0001';
  const possessive = `${peer}'s`;
  let text = clause.replace(/[’‘]/g, "'");
  // "my wife and I" / "me and my wife": the peer comes first so the statement stays about them.
  text = text.replace(/\bmy ((?:[\w-]+ ){0,2}?[\w-]+) and (?:I|me)\b/gi, `${peer} and ${possessive} $1`);
  text = text.replace(/\bme and my ((?:[\w-]+ ){0,2}?[\w-]+)\b/gi, `${peer} and ${possessive} $1`);
  // Spoken contractions first, so the verb after them is conjugated normally ("I wanna help" → "wants to help").
  text = text.replace(/\bI wanna\b/gi, 'I want to').replace(/\bI gotta\b/gi, 'I have to');
  text = text.replace(/\bI'm\b|\bI am\b/gi, `${peer} is`);
  text = text.replace(/\bI've\b|\bI have\b/gi, `${peer} has`);
  text = text.replace(/\bI'd (been|gone|never|already|just|had|done|seen|met|lived|worked)\b/gi, `${peer} had $1`);
  text = text.replace(/\bI'd\b/gi, `${peer} would`);
  text = text.replace(/\bI'll\b/gi, `${peer} will`);
  text = text.replace(/\bI (?:don't|do not|dont)\b/gi, (m) => `${peer} ${/not/i.test(m) ? 'does not' : "doesn't"}`);
  text = text.replace(new RegExp(String.raw`\bI (${ADVERB})([A-Za-z']+)`, 'gi'), (_m, adverbs: string, verb: string) => {
    return `${peer} ${adverbs}${thirdPerson(verb)}`;
  });
  text = text.replace(/\bmy\b/gi, possessive);
  text = text.replace(/\bmine\b/gi, possessive);
  text = text.replace(/\bmyself\b/gi, peer);
  text = text.replace(/\bme\b/gi, peer);
  return text.replaceAll(peer, peerId);
}
