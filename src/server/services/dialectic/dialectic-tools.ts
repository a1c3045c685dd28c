import 'server-only';
// The answer loop's tools (docs/api.md#s3-11): search conclusions and messages, grep messages, list messages by date,
// expand a conclusion's source messages and walk its reasoning chain. Each reads through the RecallReader (so it is
// confined and its reads become evidence), shares one token budget with the others so the loop's input stays under
// its cap, and is recorded as a tool call only once it has succeeded.
import { tool, type ToolSet } from 'ai';
import { z } from 'zod';
import { parseDateTimeInput } from '@/contracts/common';
import { countTokens } from '../messages/count-tokens';
import type { EvidenceRecorder } from './evidence-recorder';
import { fitLines, formatConclusion, formatMessage } from './recall-format';
import type { RecallReader } from './recall-reader';
import { ALL_LEVELS } from './recall-scope';

/** Tool output tokens still allowed across the whole loop; each result also stays under `perCall`. */
export type ToolBudget = { remaining: number; perCall: number };

const EXHAUSTED = 'The context budget for tool results is used up. Answer now with what you have found.';
const limit = z.number().int().min(1).max(25).optional().describe('How many results (1–25, default 10).');
const conclusionId = z.string().min(1).max(64).describe('A conclusion id as shown in brackets, e.g. [V1StGXR8_Z5jdHi6B-myT].');

export function createDialecticTools(options: {
  reader: RecallReader;
  evidence: EvidenceRecorder;
  budget: ToolBudget;
  searchOnly: boolean;
}): ToolSet {
  const { reader, evidence, budget } = options;
  const showView = reader.recall.view === null;

  /** Wraps a read: fits its lines into the budget and records the call once it has produced its result. */
  const run = <I extends Record<string, unknown>>(name: string, read: (input: I) => Promise<string[]>) =>
    async (input: I): Promise<string> => {
      if (budget.remaining < 50) return EXHAUSTED;
      const lines = await read(input);
      const text = lines.length === 0 ? 'Nothing found.' : fitLines(lines, Math.min(budget.perCall, budget.remaining));
      budget.remaining -= countTokens(text);
      evidence.toolSucceeded(name, { ...input });
      return text;
    };

  const tools: ToolSet = {
    search_conclusions: tool({
      description: 'Search the conclusions (facts learned from conversations) relevant to a query, best first.',
      inputSchema: z.object({ query: z.string().min(1), limit, levels: z.array(z.enum(ALL_LEVELS)).optional() }),
      execute: run('search_conclusions', async ({ query, limit: n, levels }) =>
        (await reader.searchConclusions(query, n ?? 10, levels ?? ALL_LEVELS)).map((c) => formatConclusion(c, { showView })),
      ),
    }),
    search_messages: tool({
      description: 'Search conversation messages relevant to a query (meaning and keywords), best first.',
      inputSchema: z.object({ query: z.string().min(1), limit }),
      execute: run('search_messages', async ({ query, limit: n }) => (await reader.searchMessages(query, n ?? 10)).map(formatMessage)),
    }),
  };
  if (options.searchOnly) return tools;

  return {
    ...tools,
    grep_messages: tool({
      description: 'Find messages containing an exact piece of text (case-insensitive), newest first.',
      inputSchema: z.object({ text: z.string().min(1).max(500), limit }),
      execute: run('grep_messages', async ({ text, limit: n }) => (await reader.grepMessages(text, n ?? 10)).map(formatMessage)),
    }),
    messages_by_date_range: tool({
      description: 'List messages sent in a time range (ISO-8601 dates or datetimes, UTC), oldest first.',
      inputSchema: z.object({
        after: z.string().optional().describe('Inclusive start, e.g. 2026-11-01'),
        before: z.string().optional().describe('Exclusive end, e.g. 2026-12-01'),
        limit,
      }),
      execute: run('messages_by_date_range', async ({ after, before, limit: n }) => {
        const from = after ? parseDateTimeInput(after) : null;
        const to = before ? parseDateTimeInput(before) : null;
        if ((after && !from) || (before && !to)) throw new Error('Dates must be ISO-8601, e.g. 2026-11-25 or 2026-11-25T10:00:00Z');
        return (await reader.messagesBetween(from, to, n ?? 10)).map(formatMessage);
      }),
    }),
    expand_conclusion_sources: tool({
      description: 'Show the conversation messages a conclusion was derived from.',
      inputSchema: z.object({ conclusion_id: conclusionId }),
      execute: run('expand_conclusion_sources', async ({ conclusion_id }) => {
        const { conclusion, messages } = await reader.conclusionSources(conclusion_id, 20);
        if (!conclusion) throw new Error(`No readable conclusion ${conclusion_id}`);
        return [formatConclusion(conclusion, { showView }), ...(messages.length ? messages.map(formatMessage) : ['(no source messages recorded)'])];
      }),
    }),
    walk_reasoning_chain: tool({
      description: 'Follow a derived conclusion back through its premises (source conclusions).',
      inputSchema: z.object({ conclusion_id: conclusionId, depth: z.number().int().min(1).max(5).optional() }),
      execute: run('walk_reasoning_chain', async ({ conclusion_id, depth }) => {
        const chain = await reader.reasoningChain(conclusion_id, depth ?? 3, 30);
        if (chain.length === 0) throw new Error(`No readable conclusion ${conclusion_id}`);
        return chain.map(({ conclusion, depth: d }) => `${'  '.repeat(d)}${formatConclusion(conclusion, { showView })}`);
      }),
    }),
  };
}
