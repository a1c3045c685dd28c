import 'server-only';
// The offline deriver: keeps what the observed peer says about themselves in the first person and rewrites it as
// self-contained facts naming the peer, with relative dates made absolute from the message time. Questions,
// greetings, filler and statements about others are skipped; other peers' messages are never a source.
import type { DeriveInput, DerivedFact, FactDeriver, TranscriptMessage } from '../engine-types';
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
    .replace(/\s+([,.;:!])/g, '$1')
    .replace(/\s{2,}/g, ' ')
    .replace(/[\s,;:.!-]+$/, '')
    .trim();
}

function factsFromMessage(message: TranscriptMessage, peer: string): string[] {
  const facts: string[] = [];
  for (const sentence of sentences(message.content)) {
    if (sentence.endsWith('?')) continue;
    const body = stripLeadingFiller(sentence.replace(/[.!]+$/, ''));
    const sentenceDate = findDateMention(body, message.createdAt, FUTURE.test(body));
    for (const clause of splitClauses(body)) {
      const text = subjectFirst(stripLeadingFiller(clause.text));
      if (!FIRST_PERSON_SUBJECT.test(text) || NOT_A_STATEMENT.test(text)) continue;
      if (ADDRESSES_THE_LISTENER.test(text) || FILLER_CLAUSE.test(tidy(text))) continue;
      const own = findDateMention(text, message.createdAt, FUTURE.test(text));
      const withoutDate = own ? `${text.slice(0, own.start)} ${text.slice(own.end)}` : text;
      const label = own?.label ?? (clause.sharesSubject ? sentenceDate?.label : undefined);
      const fact = tidy(`${tidy(rewriteFirstPerson(withoutDate, peer))}${label ? ` ${label}` : ''}`);
      // "alice is" or "alice has it" says nothing on its own.
      if (fact.split(/\s+/).length < 3) continue;
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
    for (const message of input.targetMessages) {
      // Only the observed peer's own words are a source; anything else in the batch is context.
      if (message.peerId !== input.observedPeerId) continue;
      for (const content of factsFromMessage(message, input.observedPeerId)) {
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
