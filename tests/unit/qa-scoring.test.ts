// bench:qa's scoring: offline containment of the gold answer's content words, and the LLM judge (with ai/test mocks).
import { describe, expect, it } from 'vitest';
import { containment, judgeAnswer, JUDGE_PROMPT } from '../../bench/qa-scoring';
import { sentText, textModel } from '../models/mock-models';

describe('containment', () => {
  it('needs every content word of the gold answer, reading ISO dates as day month year', () => {
    expect(containment('Based on what I know: - Caroline went to a LGBTQ support group on 2023-05-07', '7 May 2023')).toEqual({
      contains: true, coverage: 1, goldTerms: 3,
    });
    expect(containment('Caroline researched adoption agencies', 'Adoption agencies')).toMatchObject({ contains: true });
    const partial = containment('Melanie paints sunsets', 'sunset, lake and trees');
    expect(partial.contains).toBe(false);
    expect(partial.coverage).toBeCloseTo(1 / 3);
    expect(containment("I don't have any information about that yet.", 'the')).toEqual({ contains: false, coverage: 0, goldTerms: 0 });
  });
});

describe('judgeAnswer', () => {
  const item = { question: 'When did Caroline go to the support group?', gold: '7 May 2023', answer: 'On 2023-05-07.' };

  it('sends the question, reference and answer with the judge prompt, and reads the label', async () => {
    const model = textModel('{"reasoning": "same date", "label": "CORRECT"}');
    expect(await judgeAnswer(model, item)).toEqual({ correct: true, reasoning: 'same date' });
    const sent = sentText(model.doGenerateCalls[0]);
    expect(sent).toContain(JUDGE_PROMPT.split('\n')[0]);
    expect(sent).toContain('Question: When did Caroline go to the support group?');
    expect(sent).toContain('Reference answer: 7 May 2023');
    expect(sent).toContain('System answer: On 2023-05-07.');
    expect(await judgeAnswer(textModel('Sure. {"reasoning": "different", "label": "WRONG"}'), item)).toEqual({ correct: false, reasoning: 'different' });
  });

  it('refuses an unreadable verdict instead of guessing', async () => {
    await expect(judgeAnswer(textModel('I think it is right'), item)).rejects.toThrow(/no CORRECT\/WRONG label/);
    await expect(judgeAnswer(textModel('{"label": "MAYBE"}'), item)).rejects.toThrow(/no CORRECT\/WRONG label/);
  });
});
