// How `npm run bench:qa` scores an answer to a LoCoMo question.
// - Offline (no language model anywhere): the answer "contains" the gold answer when every canonical content word of
//   the gold answer (lower case, stop words out, light stemming, numbers without leading zeros, ISO dates also read
//   as "7 May 2023") occurs among the answer's. Coverage is the share of those words found.
// - With a provider: a language model judges each answer against the gold one, generously about wording and length
//   and strictly about the fact, the way published LoCoMo evaluations grade memory systems. The prompt is below.
import { generateText, type LanguageModel } from 'ai';
import { contentTerms } from '@/server/models/local/text-normalise';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Canonical content words, with ISO dates also spelled out and leading zeros dropped. */
export function answerTerms(text: string): Set<string> {
  const spelled = text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (_m, y: string, m: string, d: string) => `${y}-${m}-${d} ${Number(d)} ${MONTHS[Number(m) - 1] ?? ''} ${y}`);
  // Month names become tokens of their own: "May" is otherwise a stop word.
  const months = spelled.replace(new RegExp(`\\b(${MONTHS.join('|')})\\b`, 'g'), (m) => `month${MONTHS.indexOf(m) + 1}`);
  return new Set(contentTerms(months).map((t) => (/^\d+$/.test(t) ? String(Number(t)) : t)));
}

export type ContainmentScore = { contains: boolean; coverage: number; goldTerms: number };

export function containment(answer: string, gold: string): ContainmentScore {
  const wanted = [...answerTerms(gold)];
  if (wanted.length === 0) return { contains: false, coverage: 0, goldTerms: 0 };
  const have = answerTerms(answer);
  const found = wanted.filter((t) => have.has(t)).length;
  return { contains: found === wanted.length, coverage: found / wanted.length, goldTerms: wanted.length };
}

export const JUDGE_PROMPT = `You grade answers produced by a conversational memory system.
You are given a question about past conversations, the reference answer, and the system's answer.
Mark the system's answer CORRECT when it states the same fact as the reference answer: wording, extra detail and length
do not matter, and a date or time period counts when it refers to the same date or period as the reference (for
example "May 7, 2023" and "the day before 8 May 2023"). Mark it WRONG when it gives a different fact, misses the point,
or says it does not know.
Reply with one JSON object and nothing else: {"reasoning": "<one sentence>", "label": "CORRECT" | "WRONG"}`;

export type JudgeVerdict = { correct: boolean; reasoning: string };

/** Asks `model` to grade one answer. An unreadable verdict throws: the benchmark reports it rather than guessing. */
export async function judgeAnswer(
  model: LanguageModel,
  item: { question: string; gold: string; answer: string },
  signal?: AbortSignal,
): Promise<JudgeVerdict> {
  const { text } = await generateText({
    model,
    system: JUDGE_PROMPT,
    prompt: `Question: ${item.question}\nReference answer: ${item.gold}\nSystem answer: ${item.answer}`,
    temperature: 0,
    abortSignal: signal,
  });
  const json = /\{[\s\S]*\}/.exec(text)?.[0];
  let parsed: unknown = null;
  try {
    parsed = json ? JSON.parse(json) : null;
  } catch {
    parsed = null;
  }
  const label = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>).label : undefined;
  if (label !== 'CORRECT' && label !== 'WRONG') throw new Error(`judge gave no CORRECT/WRONG label: ${text.slice(0, 200)}`);
  const reasoning = (parsed as Record<string, unknown>).reasoning;
  return { correct: label === 'CORRECT', reasoning: typeof reasoning === 'string' ? reasoning : '' };
}
