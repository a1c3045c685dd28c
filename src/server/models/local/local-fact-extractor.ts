import 'server-only';
// The offline deriver: keeps what the observed peer says about themselves in the first person and rewrites it as
// self-contained facts naming the peer, with relative dates made absolute from the message time. Questions,
// greetings, filler and statements about others are skipped; other peers' messages are never a source.
import type { DeriveInput, DerivedFact, FactDeriver, TranscriptMessage } from '../engine-types';
import { topicsOfWord } from './everyday-topics';
import { junkClassOf } from './fact-quality';
import { rewriteFirstPerson, looksLikeVerb } from './first-person';
import { findDateMention } from './relative-dates';

export const LOCAL_EXTRACTOR_ENGINE = 'local:heuristic-extractor';

const LEADING_FILLER =
  /^(?:well|so|oh|ah|aw|actually|btw|by the way|anyway|anyways|honestly|yeah|yes|yep|yup|no|nope|nah|um+|uh+|hmm+|also|and|but|plus|ok|okay|lol|haha+|fun fact|guess what|oh well|you know|funny enough|same here|me too|as i said|like i said|as i mentioned|as i told you|to be honest|tbh)\b[,!:.]?\s*/i;
const FIRST_PERSON_SUBJECT = /^(?:i|i'm|i've|i'd|i'll|my|me and my)\b/i;
const FILLER_CLAUSE =
  /^i(?:'m| am)? (?:think so|guess so|hope so|suppose so|know|see|agree|understand|mean|bet|guess|suppose|wonder|not sure|sorry|fine|good|ok|okay|great|well|alright|here|back|ready|done|in|down|doing (?:well|good|great|fine|ok|okay|alright))$|^i (?:don't|do not|dunno) know$|^i (?:appreciate|love|like|get|got) (?:it|that|this)$|^i'd (?:love|like) (?:to|that)$|^i can't wait$|^i see what you mean$/i;
const NOT_A_STATEMENT = /^i (?:was )?wonder(?:ing)?\b|^i (?:have|had|got) (?:a|one|another) question\b|^i(?:'d| would) like to (?:ask|know)\b|^i want to (?:ask|know)\b|^i(?:'m| am) curious\b/i;
const ADDRESSES_THE_LISTENER = /\b(?:you|your|yours|u|ur)\b/i;
const FUTURE = /\b(?:will|'ll|going to|gonna|plan(?:ning)? to|next|tomorrow|soon)\b/i;
const SHARED_SUBJECT_SPLIT = /,?\s+(?:and|but|and then|then|and also|plus)\s+(?=([a-z']+)\b)/gi;
const NEW_SUBJECT_SPLIT = /,?\s+(?:and|but|so|and then|then|and also|plus)\s+(?=(?:i|i'm|i've|i'd|i'll|my)\b)/gi;

type Clause = { text: string; sharesSubject: boolean };

function sentences(text: string): string[] {
  return text
    .replace(/[’‘]/g, "'")
    .split(/(?<=[.!?])\s+|\n+|;\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function stripLeadingFiller(text: string): string {
  let current = text.trim();
  for (let previous = ''; previous !== current; ) {
    previous = current;
    current = current.replace(LEADING_FILLER, '').trim();
  }
  return current;
}

// "my wife and I moved…" is one subject, not two clauses: never cut right after a short "my …" noun phrase.
function splitOnNewSubject(sentence: string): string[] {
  const parts: string[] = [];
  let start = 0;
  NEW_SUBJECT_SPLIT.lastIndex = 0;
  for (let m = NEW_SUBJECT_SPLIT.exec(sentence); m; m = NEW_SUBJECT_SPLIT.exec(sentence)) {
    const left = sentence.slice(start, m.index).trim();
    if (/^(?:my|me)\b/i.test(left) && left.split(/\s+/).length <= 4) continue;
    parts.push(left);
    start = m.index + m[0].length;
  }
  parts.push(sentence.slice(start));
  return parts;
}

// "Yesterday I went…", "Last week, my sister…", "In 2019 I graduated": the subject comes after a short time or
// place opener, which is moved to the end so the clause starts with its subject (and the date is still found).
const OPENER = /^((?:yesterday|today|tonight|recently|lately|earlier|finally|(?:in|on|at|after|before|since|during|over|back in|last|this|next|a few|a couple of|\d+)\b)[^,]{0,40}?),?\s+((?:i|i'm|i've|i'd|i'll|my)\b.*)$/i;

function subjectFirst(clause: string): string {
  if (FIRST_PERSON_SUBJECT.test(clause)) return clause;
  const m = OPENER.exec(clause);
  if (!m || m[1]!.split(/\s+/).length > 6 || /\b(?:i|me|my|you|he|she|they|we|it|if|when|whether)\b/i.test(m[1]!)) return clause;
  return `${m[2]} ${m[1]}`;
}

function splitClauses(sentence: string): Clause[] {
  const clauses: Clause[] = [];
  for (const raw of splitOnNewSubject(sentence)) {
    const part = subjectFirst(stripLeadingFiller(raw));
    // A conjunction followed by a verb continues the same "I": "I moved here and started a job".
    let rest = part;
    let shares = false;
    for (;;) {
      SHARED_SUBJECT_SPLIT.lastIndex = 0;
      let cut: RegExpExecArray | null = null;
      for (let m = SHARED_SUBJECT_SPLIT.exec(rest); m; m = SHARED_SUBJECT_SPLIT.exec(rest)) {
        if (looksLikeVerb(m[1]!) && /^i\b/i.test(rest)) {
          cut = m;
          break;
        }
      }
      if (!cut) break;
      clauses.push({ text: rest.slice(0, cut.index), sharesSubject: shares });
      rest = `I ${rest.slice(cut.index + cut[0].length)}`;
      shares = true;
    }
    clauses.push({ text: rest, sharesSubject: shares });
  }
  return clauses;
}

function tidy(text: string): string {
  return text
    .replace(/\p{Extended_Pictographic}/gu, '')
    .replace(/\s+(?:lol|haha+|hehe|:\)|:D|;\))$/i, '')
    // Conversational tails ("…with my club too", "…after long runs though") are not part of the fact.
    .replace(/,?\s+(?:too|though|tho|either|anyway|anyways|btw|haha)$/i, '')
    .replace(/\s+([,.;:!])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .replace(/[\s,;:.!-]+$/, '')
    .trim();
}

// "I might try it sometime" after "pottery is so relaxing": a trailing it/this/that/them points back at something
// said just before. It is replaced by the last everyday-topic word (everyday-topics.ts) of the previous sentence
// (or of the other peer's message before this one), with its adjective or compound before it; without one the
// pronoun stays and the fact is dropped as junk rather than stored as "alice might try it".
const TRAILING_PRONOUN = /\b(?:it|this|that|them|those|these)(\s+(?:again|too|sometime|someday|one day|later|soon|so much|a lot|as well))?$/i;
const NOT_A_REFERENT = /^(?:a|an|the|my|your|our|their|his|her|its|this|that|these|those|some|any|so|very|really|and|or|but|to|of|in|on|at|for|with|i|you|we|they|it)$/i;

export function referentIn(text: string): string | null {
  const tokens = text.replace(/[^\p{L}\p{N}'\s-]/gu, ' ').split(/\s+/).filter(Boolean);
  for (let i = tokens.length - 1; i >= 0; i -= 1) {
    const word = tokens[i]!;
    if (NOT_A_REFERENT.test(word) || topicsOfWord(word).length === 0 || /^(?:love|loves|like|likes|enjoy|enjoys|plan|plans|hope|work|want)$/i.test(word)) continue;
    // One modifier before the head ("acoustic guitar", "pottery class"), unless it is a function word.
    const before = tokens[i - 1];
    const phrase = before && !NOT_A_REFERENT.test(before) && !/(?:ly|ing|ed)$/i.test(before) ? `${before} ${word}` : word;
    return phrase.toLowerCase();
  }
  return null;
}

function resolvePronoun(fact: string, previous: string | null): string {
  const m = TRAILING_PRONOUN.exec(fact);
  if (!m || !previous) return fact;
  const referent = referentIn(previous);
  return referent ? `${fact.slice(0, m.index)}${referent}${m[1] ?? ''}` : fact;
}

function factsFromMessage(message: TranscriptMessage, peer: string, before: TranscriptMessage | null): string[] {
  const facts: string[] = [];
  let previous = before ? (sentences(before.content).at(-1) ?? null) : null;
  for (const sentence of sentences(message.content)) {
    const said = previous;
    previous = sentence;
    if (sentence.endsWith('?')) continue;
    const body = stripLeadingFiller(sentence.replace(/[.!]+$/, ''));
    const sentenceDate = findDateMention(body, message.createdAt, FUTURE.test(body));
    for (const clause of splitClauses(body)) {
      const text = subjectFirst(stripLeadingFiller(clause.text));
      if (!FIRST_PERSON_SUBJECT.test(text) || NOT_A_STATEMENT.test(text)) continue;
      if (ADDRESSES_THE_LISTENER.test(text) || FILLER_CLAUSE.test(tidy(text))) continue;
      const own = findDateMention(text, message.createdAt, FUTURE.test(text));
      // "about 5 years ago" → the date label, not "about (around 2021)".
      const withoutDate = own ? `${text.slice(0, own.start).replace(/\s(?:about|around|roughly|nearly|almost|like)\s*$/i, ' ')} ${text.slice(own.end)}` : text;
      const label = own?.label ?? (clause.sharesSubject ? sentenceDate?.label : undefined);
      const statement = resolvePronoun(tidy(rewriteFirstPerson(withoutDate, peer)), said);
      const fact = tidy(`${statement}${label ? ` ${label}` : ''}`);
      // "alice is" says nothing on its own; nor does "alice drew it", "alice is Alice" or a cut-off clause.
      if (fact.split(/\s+/).length < 3 || junkClassOf(fact, peer)) continue;
      facts.push(fact);
    }
  }
  return facts;
}

export class LocalFactExtractor implements FactDeriver {
  readonly engine = LOCAL_EXTRACTOR_ENGINE;

  async derive(input: DeriveInput): Promise<DerivedFact[]> {
    input.signal?.throwIfAborted();
    const byContent = new Map<string, DerivedFact>();
    const transcript = [...input.contextMessages, ...input.targetMessages].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    for (const message of input.targetMessages) {
      // Only the observed peer's own words are a source; anything else in the batch is context.
      if (message.peerId !== input.observedPeerId) continue;
      const before = transcript.filter((m) => m.createdAt < message.createdAt).at(-1) ?? null;
      for (const content of factsFromMessage(message, input.observedPeerId, before)) {
        const key = content.toLowerCase();
        const existing = byContent.get(key);
        if (existing) {
          if (!existing.sourceMessageIds.includes(message.id)) existing.sourceMessageIds.push(message.id);
        } else {
          byContent.set(key, { content, sourceMessageIds: [message.id] });
        }
      }
    }
    return [...byContent.values()];
  }
}
