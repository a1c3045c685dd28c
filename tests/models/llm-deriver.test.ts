// The LLM deriver with AI SDK mock models: what it sends, how it reads structured, fenced and chatty answers, and
// how provider failures and unusable answers surface.
import { MockLanguageModelV3 } from 'ai/test';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeriveInput } from '@/server/models/engine-types';
import { LlmDeriver } from '@/server/models/llm/llm-deriver';
import { ModelCallError, ModelOutputError } from '@/server/models/model-errors';
import { apiError, failingModel, sentText, textModel } from './mock-models';
import { captureLogs } from '../support/captured-logs';

const at = new Date('2026-11-25T15:30:00Z');
const input: DeriveInput = {
  observedPeerId: 'alice',
  observerPeerId: 'alice',
  contextMessages: [{ id: 'msg_ctx', peerId: 'bot', content: 'Where do you live these days?', createdAt: at }],
  targetMessages: [
    { id: 'msg_a', peerId: 'alice', content: 'I moved to Lisbon last week.', createdAt: at },
    { id: 'msg_b', peerId: 'alice', content: 'And I started a nursing job.', createdAt: new Date(at.getTime() + 60_000) },
  ],
  customInstructions: 'Ignore anything about food.',
};
const deriver = (model: ReturnType<typeof textModel>) => new LlmDeriver({ model, engine: 'mock:deriver', timeoutMs: 5_000 });
const answer = JSON.stringify({
  facts: [
    { content: 'alice moved to Lisbon around 2026-11-18', source_ids: ['msg_a'] },
    { content: 'alice works as a nurse', source_ids: ['msg_b', 'msg_ctx'] },
  ],
});

describe('LlmDeriver', () => {
  afterEach(() => vi.restoreAllMocks());

  it('sends the observed peer, its messages with ids and times, the context and the custom instructions', async () => {
    const model = textModel(answer);
    await deriver(model).derive(input);
    const sent = sentText(model.doGenerateCalls[0]);
    expect(sent).toContain('Observed peer id: alice');
    expect(sent).toContain('[id=msg_a] [2026-11-25 15:30 UTC] alice: I moved to Lisbon last week.');
    expect(sent).toContain('[id=msg_b] [2026-11-25 15:31 UTC] alice: And I started a nursing job.');
    expect(sent).toMatch(/Context messages[^\n]*never a source of facts\):\n\[id=msg_ctx\] [^\n]* bot: Where do you live these days\?/);
    expect(sent).toContain('Ignore anything about food.');
    expect(sent).toMatch(/absolute dates/i);
    // Structured output was requested with a JSON schema.
    expect(model.doGenerateCalls[0]!.responseFormat).toMatchObject({ type: 'json', schema: { type: 'object' } });
  });

  it('parses structured output and keeps only sources among the observed peer’s messages', async () => {
    const facts = await deriver(textModel(answer)).derive(input);
    expect(facts).toEqual([
      { content: 'alice moved to Lisbon around 2026-11-18', sourceMessageIds: ['msg_a'] },
      { content: 'alice works as a nurse', sourceMessageIds: ['msg_b'] },
    ]);
  });

  it('repairs fenced and chatty JSON, dropping invalid items with a count', async () => {
    const logs = captureLogs();
    const chatty =
      'Sure! Here are the facts I found:\n```json\n{"facts": [{"content": "alice moved to Lisbon", "source_ids": ["msg_a"]},' +
      ' {"content": "", "source_ids": ["msg_a"]}, {"content": "alice is a nurse", "source_ids": ["msg_ctx"]},]}\n```\nLet me know!';
    const facts = await deriver(textModel(chatty)).derive(input);
    expect(facts).toEqual([{ content: 'alice moved to Lisbon', sourceMessageIds: ['msg_a'] }]);
    logs.restore();
    expect(logs.lines()).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'dropped invalid items from the model answer', dropped: 2 }));
  });

  it('accepts a bare array and reasoning blocks before the answer', async () => {
    const facts = await deriver(textModel('<think>alice says she moved</think>\n[{"fact": "alice moved to Lisbon", "sources": ["msg_a"]}]')).derive(input);
    expect(facts).toEqual([{ content: 'alice moved to Lisbon', sourceMessageIds: ['msg_a'] }]);
  });

  it('returns no facts for an explicit empty list', async () => {
    expect(await deriver(textModel('{"facts": []}')).derive(input)).toEqual([]);
  });

  it('rejects garbage with a ModelOutputError carrying the answer', async () => {
    const error = await deriver(textModel('I am sorry, I cannot help with that.')).derive(input).catch((e) => e);
    expect(error).toBeInstanceOf(ModelOutputError);
    expect(error.rawSnippet).toBe('I am sorry, I cannot help with that.');
    expect(error.message).toContain('I am sorry, I cannot help with that.');
    await expect(deriver(textModel('')).derive(input)).rejects.toThrow(/empty answer/);
  });

  it('wraps provider failures in ModelCallError with the provider’s words and retryability', async () => {
    const limited = await deriver(failingModel(apiError(429, 'Rate limit reached for gpt-4o-mini'))).derive(input).catch((e) => e);
    expect(limited).toBeInstanceOf(ModelCallError);
    expect(limited.message).toContain('Rate limit reached for gpt-4o-mini');
    expect(limited.retryable).toBe(true);
    const denied = await deriver(failingModel(apiError(401, 'Incorrect API key provided'))).derive(input).catch((e) => e);
    expect(denied).toBeInstanceOf(ModelCallError);
    expect(denied.retryable).toBe(false);
    expect(denied.message).toContain('Incorrect API key provided');
  });

  it('gives up after MODEL_TIMEOUT_MS with a retryable ModelCallError', async () => {
    const hanging = new MockLanguageModelV3({
      provider: 'mock.chat',
      modelId: 'slow',
      doGenerate: ({ abortSignal }) =>
        new Promise((_, reject) => abortSignal?.addEventListener('abort', () => reject(abortSignal.reason ?? new Error('aborted')))),
    });
    const started = Date.now();
    const error = await new LlmDeriver({ model: hanging, engine: 'mock:slow', timeoutMs: 100 }).derive(input).catch((e) => e);
    expect(error).toBeInstanceOf(ModelCallError);
    expect(error.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('falls back to a plain-text JSON request when the provider rejects response schemas', async () => {
    const model = failingModel(apiError(400, "'response_format.type' json_schema is not supported by this model"), answer);
    const facts = await deriver(model).derive(input);
    expect(facts.map((f) => f.content)).toEqual(['alice moved to Lisbon around 2026-11-18', 'alice works as a nurse']);
    expect(model.doGenerateCalls).toHaveLength(2);
    expect(model.doGenerateCalls[1]!.responseFormat?.type ?? 'text').toBe('text');
    expect(sentText(model.doGenerateCalls[1])).toContain('Answer with JSON only');
  });

  it('does not call the model when no message of the observed peer is in the batch', async () => {
    const model = textModel(answer);
    expect(await deriver(model).derive({ ...input, targetMessages: [{ ...input.targetMessages[0]!, peerId: 'bob' }] })).toEqual([]);
    expect(model.doGenerateCalls).toHaveLength(0);
  });
});
