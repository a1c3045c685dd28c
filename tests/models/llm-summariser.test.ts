// The LLM summariser with AI SDK mock models: prompts per kind, rolling input, clean output, errors.
import { describe, expect, it } from 'vitest';
import type { SummaryInput } from '@/server/models/engine-types';
import { LlmSummariser } from '@/server/models/llm/llm-summariser';
import { ModelCallError, ModelOutputError } from '@/server/models/model-errors';
import { apiError, failingModel, sentText, textModel } from './mock-models';

const at = new Date('2026-11-25T09:00:00Z');
const input: SummaryInput = {
  kind: 'short',
  previousSummary: 'alice asked coach for a marathon plan on 2026-11-20.',
  messages: [
    { id: 'm1', peerId: 'alice', content: 'My knee hurts after long runs.', createdAt: at },
    { id: 'm2', peerId: 'coach', content: 'Rest two days, then run easy.', createdAt: at },
  ],
};
const summariser = (model: ReturnType<typeof textModel>) => new LlmSummariser({ model, engine: 'mock:summary', timeoutMs: 5_000 });

describe('LlmSummariser', () => {
  it('sends the previous summary and the new messages with speakers, asking for the kind’s length', async () => {
    const model = textModel('alice reported knee pain; coach prescribed two rest days.');
    const summary = await summariser(model).summarise(input);
    expect(summary).toBe('alice reported knee pain; coach prescribed two rest days.');
    const sent = sentText(model.doGenerateCalls[0]);
    expect(sent).toContain('alice asked coach for a marathon plan on 2026-11-20.');
    expect(sent).toContain('alice: My knee hurts after long runs.');
    expect(sent).toContain('coach: Rest two days, then run easy.');
    expect(sent).toMatch(/750 words/);

    const longModel = textModel('A long account.');
    await summariser(longModel).summarise({ ...input, kind: 'long', previousSummary: null });
    const longSent = sentText(longModel.doGenerateCalls[0]);
    expect(longSent).toMatch(/3000 words/);
    expect(longSent).toMatch(/emotional state/);
    expect(longSent).not.toContain('marathon plan');
  });

  it('strips reasoning, fences and preambles from the answer', async () => {
    const raw = '<think>Let me think.</think>\nHere is the summary:\nalice has knee pain.';
    expect(await summariser(textModel(raw)).summarise(input)).toBe('alice has knee pain.');
  });

  it('rejects an empty summary with a ModelOutputError', async () => {
    await expect(summariser(textModel('')).summarise(input)).rejects.toBeInstanceOf(ModelOutputError);
    const error = await summariser(textModel('<think>nothing to say</think>   ')).summarise(input).catch((e) => e);
    expect(error).toBeInstanceOf(ModelOutputError);
    expect(error.message).toMatch(/empty summary/);
    expect(error.rawSnippet).toContain('nothing to say');
  });

  it('wraps provider errors in ModelCallError', async () => {
    const error = await summariser(failingModel(apiError(503, 'The server is overloaded'))).summarise(input).catch((e) => e);
    expect(error).toBeInstanceOf(ModelCallError);
    expect(error.message).toContain('The server is overloaded');
    expect(error.retryable).toBe(true);
  });
});
