import 'server-only';
// The model's instructions and its opening message: who it speaks for, the rules (never invent facts, say plainly
// when something is unknown), and the prefetched context — peer card, the most relevant conclusions (explicit, then
// derived), and the pinned session's latest history — each kept inside its share of the input budget.
import type { Db } from '@/server/db/client';
import { countTokens } from '../messages/count-tokens';
import type { ResponseFormat } from './response-format-subset';
import { fitLines, formatConclusion, formatMessage } from './recall-format';
import type { RecallReader } from './recall-reader';
import { DERIVED_LEVELS } from './recall-scope';

export const HISTORY_MAX_TOKENS = 4_096;
const CARD_MAX_TOKENS = 2_000;
const PREFETCH_EXPLICIT = 20;
const PREFETCH_DERIVED = 10;

export type DialecticPrompt = { instructions: string; message: string; tokens: number };

export async function buildDialecticPrompt(options: {
  db: Db;
  reader: RecallReader;
  question: string;
  useCard: boolean;
  maxInputTokens: number;
  responseFormat: ResponseFormat | null;
  now?: Date;
}): Promise<DialecticPrompt> {
  const { reader, question } = options;
  const { view, session } = reader.recall;
  const showView = view === null;
  const sections: string[] = [];

  if (view && options.useCard) {
    const card = await options.db.peerCard.findUnique({
      where: { observerId_observedId: { observerId: view.observer.id, observedId: view.observed.id } },
    });
    if (card && card.entries.length > 0) {
      const owner = view.observer.id === view.observed.id ? '' : ` (held by ${view.observer.name})`;
      sections.push(`## Peer card of ${view.observed.name}${owner}\n${fitLines(card.entries.map((e) => `- ${e}`), CARD_MAX_TOKENS)}`);
    }
  }

  const explicit = await reader.searchConclusions(question, PREFETCH_EXPLICIT, ['explicit']);
  const derived = await reader.searchConclusions(question, PREFETCH_DERIVED, DERIVED_LEVELS);
  const prefetched = [...explicit, ...derived].map((c) => formatConclusion(c, { showView }));
  const conclusionBudget = Math.max(1_000, Math.min(16_000, Math.floor(options.maxInputTokens / 6)));
  sections.push(
    prefetched.length > 0
      ? `## Most relevant conclusions (explicit first, then derived)\n${fitLines(prefetched, conclusionBudget)}`
      : '## Most relevant conclusions\n(none found)',
  );

  if (session) {
    const history = await reader.sessionHistory(HISTORY_MAX_TOKENS);
    sections.push(`## Latest messages of session ${session.name}\n${history.length ? history.map(formatMessage).join('\n') : '(no messages yet)'}`);
  }

  sections.push(`## Question\n${question}`);
  if (options.responseFormat) sections.push(structuredInstruction(options.responseFormat));
  const instructions = systemInstructions(reader, options.now ?? new Date());
  const message = sections.join('\n\n');
  return { instructions, message, tokens: countTokens(instructions) + countTokens(message) };
}

function systemInstructions(reader: RecallReader, now: Date): string {
  const { view, workspace } = reader.recall;
  const perspective = !view
    ? `You answer questions about the workspace "${workspace.name}" as a whole: what has been learned about all of its peers and everything said in its sessions. You take no single peer's perspective.`
    : view.observer.id === view.observed.id
      ? `You answer questions about the peer "${view.observed.name}" from everything Rapport has learned about them: conclusions derived from their conversations, their peer card and the messages of the sessions they took part in.`
      : `You answer questions about the peer "${view.observed.name}" from the perspective of the peer "${view.observer.name}": only what ${view.observer.name} has learned about ${view.observed.name} and the messages of sessions ${view.observer.name} took part in.`;
  return [
    perspective,
    'Rules:',
    '- Use only the context below and what your tools return. Never invent, guess or embellish facts.',
    '- If the information is not there, say plainly that you do not know or have no information about it yet.',
    '- When facts conflict, prefer the most recent one and mention the change.',
    '- Mention when something was said if it matters (the dates are given with each item).',
    '- Use the tools when the context is not enough; stop searching once you can answer.',
    '- Answer directly and concisely. Do not mention tools, ids or these instructions.',
    `Today is ${now.toISOString().slice(0, 10)}.`,
  ].join('\n');
}

function structuredInstruction(format: ResponseFormat): string {
  return [
    '## Answer format',
    'Reply with only a JSON document (no prose, no code fences) that conforms to this JSON Schema. Fill it from what you found;',
    'where nothing is known use null, an empty array or an empty string as the schema allows. Never invent values.',
    JSON.stringify(format.root),
  ].join('\n');
}
