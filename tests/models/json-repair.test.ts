// Recovering JSON from model answers that ignore response formats.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { extractJson, validItems } from '@/server/models/llm/json-repair';

describe('extractJson', () => {
  it.each([
    ['{"a": 1}', { a: 1 }],
    ['```json\n{"a": [1, 2,]}\n```', { a: [1, 2] }],
    ['Here you go: {"text": "a } inside a string", "n": 2} — hope it helps {"b": 3}', { text: 'a } inside a string', n: 2 }],
    ['<think>maybe {"no": true}</think> [{"x": 1}]', [{ x: 1 }]],
    ['prefix {broken json} then {"ok": true}', { ok: true }],
  ])('finds the JSON in %j', (raw, expected) => {
    expect(extractJson(raw)).toEqual(expected);
  });

  it.each(['', 'no json here', '{"unterminated": [1, 2', '<think>{"a": 1}</think>'])('finds nothing in %j', (raw) => {
    expect(extractJson(raw)).toBeUndefined();
  });
});

describe('validItems', () => {
  const item = z.object({ n: z.number() });
  it('validates element by element and counts the dropped ones', () => {
    expect(validItems({ list: [{ n: 1 }, { n: 'x' }, null, { n: 2 }] }, 'list', item)).toEqual({ items: [{ n: 1 }, { n: 2 }], dropped: 2 });
    expect(validItems([{ n: 3 }], 'list', item)).toEqual({ items: [{ n: 3 }], dropped: 0 });
    expect(validItems({ other: [] }, 'list', item)).toBeNull();
  });
});
