import 'server-only';
// Summary instructions per kind (docs/api.md#s5-4) and the rolling prompt: previous summary plus new messages.
import type { SummaryInput } from '../engine-types';
import { transcript } from './transcript';

const COMMON = `You maintain the running summary of a conversation between peers, for use as context by an AI application.
Refer to every participant by their exact peer id. Use absolute dates (messages carry UTC times), never "yesterday".
Write plain prose, no headings, no preamble such as "Here is the summary". Never invent anything.`;

export const SUMMARY_INSTRUCTIONS: Record<SummaryInput['kind'], string> = {
  short: `${COMMON}
Write a concise, factual, chronological narrative of what happened and what was said: decisions, facts shared, open questions.
At most about 750 words; shorter is better when the conversation is short.`,
  long: `${COMMON}
Write a thorough summary: the chronological course of the conversation, its main themes, each participant's stated facts,
goals and preferences, their emotional state and how it changed, and what the exchanges reveal about their personality.
At most about 3000 words.`,
};

export const SUMMARY_MAX_OUTPUT_TOKENS: Record<SummaryInput['kind'], number> = { short: 1_500, long: 5_000 };

export function summaryPrompt(input: SummaryInput): string {
  const previous = input.previousSummary?.trim();
  return [
    previous
      ? `Summary of the conversation so far:\n${previous}\n\nRewrite it as ONE updated summary that also covers these new messages:`
      : 'Summarise these messages:',
    transcript(input.messages),
  ].join('\n\n');
}
