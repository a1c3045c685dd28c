// The LLM dreamer with AI SDK mock models: the prompt lists the view, the answer is validated against it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DreamInput } from '@/server/models/engine-types';
import { LlmDreamer } from '@/server/models/llm/llm-dreamer';
import { ModelCallError, ModelOutputError } from '@/server/models/model-errors';
import { apiError, failingModel, sentText, textModel } from './mock-models';
import { captureLogs } from '../support/captured-logs';

const day = (n: number) => new Date(Date.UTC(2026, 0, n));
const input: DreamInput = {
  observerPeerId: 'coach',
  observedPeerId: 'alice',
  mode: 'omni',
  card: ['Location: Porto'],
  conclusions: [
    { id: 'c1', level: 'explicit', content: 'alice lives in Porto', createdAt: day(1), sourceIds: [] },
    { id: 'c2', level: 'explicit', content: 'alice moved to Lisbon', createdAt: day(5), sourceIds: [] },
    { id: 'c3', level: 'explicit', content: 'alice runs every morning', createdAt: day(6), sourceIds: [] },
    { id: 'c4', level: 'explicit', content: 'alice ran a marathon', createdAt: day(7), sourceIds: [] },
  ],
};
const dreamer = (model: ReturnType<typeof textModel>) => new LlmDreamer({ model, engine: 'mock:dream', timeoutMs: 5_000 });

describe('LlmDreamer', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists the conclusions with ids, levels and dates, and the current card', async () => {
    const model = textModel('{"deductions":[],"inductions":[],"contradictions":[],"superseded":[],"card":null}');
    const out = await dreamer(model).dream(input);
    expect(out).toEqual({ deductions: [], inductions: [], contradictions: [], superseded: [], card: null });
    const sent = sentText(model.doGenerateCalls[0]);
    expect(sent).toContain('Observer peer id: coach\nObserved peer id: alice');
    expect(sent).toContain('[id=c2] [explicit] [2026-01-05 00:00] alice moved to Lisbon');
    expect(sent).toContain('- Location: Porto');
  });

  it('keeps valid items, drops ones citing unknown ids or too few sources, and remaps deduction indices', async () => {
    const logs = captureLogs();
    const answer = {
      deductions: [
        { content: 'invented', premise_ids: ['c99'] },
        { content: 'alice relocated from Porto to Lisbon', premise_ids: ['c1', 'c2'] },
      ],
      inductions: [
        { content: 'alice is a dedicated runner', source_ids: ['c3', 'c4'], pattern_type: 'habit', confidence: 'HIGH' },
        { content: 'alice likes Lisbon', source_ids: ['c2'], pattern_type: 'preference', confidence: 'low' },
      ],
      contradictions: [{ content: 'lives in two cities', source_ids: ['c1', 'c2'] }],
      superseded: [
        { id: 'c1', by_id: null, by_deduction_index: 1 },
        { id: 'c77', by_id: 'c2', by_deduction_index: null },
      ],
      card: ['Location: Lisbon', 'location: lisbon', `Hobby: ${'running '.repeat(40)}`],
    };
    const out = await dreamer(textModel(JSON.stringify(answer))).dream(input);
    expect(out.deductions).toEqual([{ content: 'alice relocated from Porto to Lisbon', premiseIds: ['c1', 'c2'] }]);
    expect(out.inductions).toEqual([{ content: 'alice is a dedicated runner', sourceIds: ['c3', 'c4'], patternType: 'habit', confidence: 'high' }]);
    expect(out.contradictions).toEqual([{ content: 'lives in two cities', sourceIds: ['c1', 'c2'] }]);
    expect(out.superseded).toEqual([{ id: 'c1', byDeductionIndex: 0 }]);
    expect(out.card).toHaveLength(2);
    expect(out.card![0]).toBe('Location: Lisbon');
    expect(out.card![1]!.length).toBeLessThanOrEqual(200);
    logs.restore();
    expect(logs.lines()).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'dropped invalid items from the model answer', dropped: 3 }));
  });

  it('asks only for the card on card_refresh and ignores anything else', async () => {
    const model = textModel('```json\n{"card": ["Location: Lisbon", "Runs every morning"], "deductions": [{"content": "x", "premise_ids": ["c1"]}]}\n```');
    const out = await dreamer(model).dream({ ...input, mode: 'card_refresh' });
    expect(out).toEqual({ deductions: [], inductions: [], contradictions: [], superseded: [], card: ['Location: Lisbon', 'Runs every morning'] });
    expect(sentText(model.doGenerateCalls[0])).toMatch(/peer card/);
  });

  it('surfaces unusable answers and provider errors', async () => {
    const garbage = await dreamer(textModel('Nothing new today!')).dream(input).catch((e) => e);
    expect(garbage).toBeInstanceOf(ModelOutputError);
    expect(garbage.rawSnippet).toBe('Nothing new today!');
    await expect(dreamer(textModel('{"card": 5}')).dream({ ...input, mode: 'card_refresh' })).rejects.toBeInstanceOf(ModelOutputError);
    const failed = await dreamer(failingModel(apiError(500, 'internal error'))).dream(input).catch((e) => e);
    expect(failed).toBeInstanceOf(ModelCallError);
    expect(failed.message).toContain('internal error');
  });
});
