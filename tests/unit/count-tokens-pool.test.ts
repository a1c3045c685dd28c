// Message writes count tokens in worker threads when the write is large (docs/ingest.md): the counts must be exactly
// the ones counted in place, whichever way a write goes, and the setting must be able to turn the threads off.
import { afterAll, describe, expect, it } from 'vitest';
import { readTokenCountThreads } from '@/server/config/token-count-config';
import { countTokens } from '@/server/services/messages/count-tokens';
import { closeTokenCountPool, countMessageTokens, IN_PLACE_MAX_CHARS } from '@/server/services/messages/count-tokens-pool';
import { countAll } from '@/server/services/messages/o200k-count.mjs';

afterAll(() => closeTokenCountPool());

const turns = [
  'I moved to Lisbon last spring, and my dog loves the beach.',
  'Grüße, 世界! <|endoftext|> is just text here.\n\n  indented\tline',
  `${'word '.repeat(40)}${'長'.repeat(300)}`,
];

describe('countMessageTokens', () => {
  it('gives the in-place counts for a batch large enough for the threads', async () => {
    const texts = Array.from({ length: 100 }, (_, i) => `${turns[i % turns.length]} (${i})`);
    expect(texts.join('').length).toBeGreaterThan(IN_PLACE_MAX_CHARS);
    expect(await countMessageTokens(texts)).toEqual(texts.map(countTokens));
  });

  it('gives the same counts for a small write, counted in place', async () => {
    expect(await countMessageTokens(turns)).toEqual(turns.map(countTokens));
    expect(await countMessageTokens([''])).toEqual([0]);
  });

  it('countAll, what a thread runs, agrees with countTokens', () => {
    expect(countAll({ texts: turns })).toEqual(turns.map(countTokens));
  });
});

describe('TOKEN_COUNT_THREADS', () => {
  it('defaults to one thread per core beyond the first and accepts 0 (count on the main thread)', () => {
    expect(readTokenCountThreads({})).toBeGreaterThanOrEqual(0);
    expect(readTokenCountThreads({ TOKEN_COUNT_THREADS: '0' })).toBe(0);
    expect(readTokenCountThreads({ TOKEN_COUNT_THREADS: '3' })).toBe(3);
    expect(() => readTokenCountThreads({ TOKEN_COUNT_THREADS: '-1' })).toThrow();
  });
});
