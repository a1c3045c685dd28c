import 'server-only';
// The offline summariser: keeps the most informative sentences, in the order they were said, each attributed to
// its speaker, within the word budget of the summary kind. A rolling summary keeps the best of the previous
// summary first. Long summaries add who took part and the recurring topics, the closest an extract gets to themes.
import type { Summariser, SummaryInput, TranscriptMessage } from '../engine-types';
import { ModelOutputError } from '../model-errors';
import { contentTerms, words } from './text-normalise';

export const LOCAL_SUMMARY_ENGINE = 'local:extractive-summary';

/** Word budgets of the two kinds (docs/api.md#s5-4: about 750 and 3,000 words at most). */
export const SUMMARY_WORD_BUDGET = { short: 750, long: 3000 } as const;
// Share of the budget the previous summary may keep when new material competes for space.
const PREVIOUS_SHARE = 0.4;

const GREETING = /^(?:(?:hi|hello|hey|thanks|thank you|thx|ok|okay|sure|yes|no|yep|nope|lol|haha+|bye|goodbye|good (?:morning|night|evening|afternoon)|cool|great|nice|awesome|there)\b[\s!.,]*)+$/i;

type Candidate = { order: number; speaker: string; text: string; words: number; score: number };

function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

const countWords = (text: string) => (text.match(/\S+/g) ?? []).length;

function candidates(messages: readonly TranscriptMessage[]): Candidate[] {
  const documentFrequency = new Map<string, number>();
  const sentences = messages.flatMap((m) => splitSentences(m.content).map((text) => ({ speaker: m.peerId, text })));
  for (const s of sentences) for (const term of new Set(contentTerms(s.text))) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);

  return sentences.map((s, order) => {
    const terms = contentTerms(s.text);
    const n = countWords(s.text);
    // Terms that recur across the conversation mark its topics; names, numbers and first-person statements carry facts.
    let score = terms.reduce((sum, t) => sum + Math.log(1 + (documentFrequency.get(t) ?? 1)), 0) / Math.sqrt(Math.max(terms.length, 1));
    score += terms.length * 0.15;
    if (/\d/.test(s.text)) score += 0.5;
    if (/\s[A-Z][a-z]+/.test(s.text)) score += 0.4;
    if (/^(?:i|i'm|i've|my|we)\b/i.test(s.text)) score += 0.5;
    if (s.text.endsWith('?')) score -= 0.4;
    if (GREETING.test(s.text) || terms.length === 0) score = -Infinity;
    return { order, speaker: s.speaker, text: s.text, words: n + 1, score };
  });
}

/** The highest-scoring items that fit in `budget` words, returned in their original order. */
function pick<T extends { order: number; words: number; score: number }>(items: T[], budget: number): T[] {
  const chosen: T[] = [];
  let used = 0;
  for (const item of [...items].filter((i) => i.score > -Infinity).sort((a, b) => b.score - a.score || a.order - b.order)) {
    if (used + item.words > budget) continue;
    chosen.push(item);
    used += item.words;
  }
  return chosen.sort((a, b) => a.order - b.order);
}

function narrative(chosen: Candidate[]): string {
  // Consecutive sentences of one speaker read as one turn: "alice: … …".
  const turns: string[] = [];
  let speaker: string | null = null;
  for (const c of chosen) {
    if (c.speaker === speaker) turns[turns.length - 1] += ` ${c.text}`;
    else turns.push(`${c.speaker}: ${c.text}`);
    speaker = c.speaker;
  }
  return turns.join('\n');
}

function overview(messages: readonly TranscriptMessage[]): string {
  const counts = new Map<string, number>();
  for (const m of messages) counts.set(m.peerId, (counts.get(m.peerId) ?? 0) + 1);
  const termCounts = new Map<string, { n: number; surface: string }>();
  for (const m of messages) {
    for (const w of words(m.content)) {
      const [term] = contentTerms(w);
      if (!term || term.length < 4) continue;
      const entry = termCounts.get(term) ?? { n: 0, surface: w };
      entry.n += 1;
      termCounts.set(term, entry);
    }
  }
  const topics = [...termCounts.values()].filter((t) => t.n >= 2).sort((a, b) => b.n - a.n).slice(0, 8).map((t) => t.surface);
  const people = [...counts].map(([peer, n]) => `${peer} (${n} message${n === 1 ? '' : 's'})`).join(', ');
  return `Participants: ${people}.${topics.length ? `\nRecurring topics: ${topics.join(', ')}.` : ''}`;
}

// The previous summary's own overview lines describe only its messages; the new overview replaces them.
const OVERVIEW_LINE = /^(?:Participants|Recurring topics):.*$/gm;

function trimToWords(text: string, budget: number): string {
  const lines = text.replace(OVERVIEW_LINE, '').split('\n').map((l) => l.trim()).filter(Boolean);
  const sentences = lines.flatMap((line, lineIndex) => splitSentences(line).map((t) => ({ lineIndex, text: t })));
  // When space runs out the later sentences of the old summary are kept: the oldest events matter least now.
  const kept = pick(sentences.map((s, order) => ({ ...s, order, words: countWords(s.text), score: order })), budget);
  const rebuilt: string[] = [];
  let line = -1;
  for (const s of kept) {
    if (s.lineIndex === line) rebuilt[rebuilt.length - 1] += ` ${s.text}`;
    else rebuilt.push(s.text);
    line = s.lineIndex;
  }
  return rebuilt.join('\n');
}

export class ExtractiveSummariser implements Summariser {
  readonly engine = LOCAL_SUMMARY_ENGINE;

  async summarise(input: SummaryInput): Promise<string> {
    input.signal?.throwIfAborted();
    const budget = SUMMARY_WORD_BUDGET[input.kind];
    const header = input.kind === 'long' && input.messages.length > 0 ? overview(input.messages) : '';
    const available = budget - countWords(header);
    const pool = candidates(input.messages);
    const newWords = pool.filter((c) => c.score > -Infinity).reduce((sum, c) => sum + c.words, 0);
    const previous = input.previousSummary?.trim()
      ? trimToWords(input.previousSummary.trim(), Math.max(available * PREVIOUS_SHARE, available - newWords))
      : '';
    let chosen = pick(pool, available - countWords(previous));
    // A batch of only greetings still happened: say so rather than returning nothing.
    if (chosen.length === 0 && pool.length > 0) chosen = pick(pool.map((c) => ({ ...c, score: 0 })), available - countWords(previous));
    const parts = [header, previous, narrative(chosen)].filter(Boolean);
    const summary = parts.join('\n\n').trim();
    if (!summary) throw new ModelOutputError(this.engine, 'nothing to summarise', '');
    return summary;
  }
}
