// Token counting on the write path stays linear and off the critical path of other requests (docs/ingest.md):
// byte-pair encoding is quadratic in one pre-token, and CJK text has no spaces, so 20 messages of 25,000 CJK
// characters used to take two minutes of CPU and stall every request of the process for as long.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { countTokens as exactO200k } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { MESSAGE_CONTENT_MAX_CHARS } from '@/contracts/messages';
import { countTokens, countTokensYielding, LONG_RUN } from '@/server/services/messages/count-tokens';
import { call } from '../support/app-fetch';
import { provideOutOfProcessDatabase } from '../support/out-of-process-database';

// The database runs outside this process on both lanes, as it does for the app, so the delay measured is the app's.
provideOutOfProcessDatabase();
process.env.AUTH_DISABLED = 'true';

const PLAIN = { disallowedSpecial: new Set<string>() };

/** `length` pseudo-random CJK ideographs: one pre-token, and no two messages alike (no merge-cache hits). */
function cjk(length: number, seed: number): string {
  let x = seed;
  let text = '';
  for (let i = 0; i < length; i += 1) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    text += String.fromCharCode(0x4e00 + (x % 20_000));
  }
  return text;
}

describe('countTokens', () => {
  it('is exact for text whose runs are shorter than the slice length', () => {
    const texts = [
      'I moved to Lisbon last spring, and my dog loves the beach.',
      'Grüße, 世界! <|endoftext|> is just text here.\n\n  indented\tline',
      `${'word '.repeat(500)}${'x'.repeat(LONG_RUN - 1)}`,
    ];
    for (const text of texts) expect(countTokens(text)).toBe(exactO200k(text, PLAIN));
    expect(countTokens('')).toBe(0);
  });

  it('counts long runs in slices, within 2 % of the exact count', () => {
    for (const text of [cjk(3_000, 7), '!'.repeat(3_000), ' '.repeat(3_000), `a${'🙂'.repeat(1_500)}`]) {
      const exact = exactO200k(text, PLAIN);
      expect(Math.abs(countTokens(text) - exact)).toBeLessThanOrEqual(Math.ceil(exact * 0.02) + 1);
    }
  });

  it('yields to the event loop while counting a large batch, with the same counts', async () => {
    const texts = Array.from({ length: 8 }, (_, i) => cjk(MESSAGE_CONTENT_MAX_CHARS, i + 1));
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 0);
    try {
      const counts = await countTokensYielding(texts, 5);
      expect(counts).toEqual(texts.map((t) => countTokens(t)));
    } finally {
      clearInterval(timer);
    }
    // Interval callbacks ran while the batch was being counted.
    expect(ticks).toBeGreaterThan(1);
  });
});

describe('POST …/messages with long runs of CJK text', () => {
  it('answers 201 in bounded time and keeps the event loop responsive', async () => {
    const messages = Array.from({ length: 20 }, (_, i) => ({ peer_id: i % 2 ? 'b' : 'a', content: cjk(MESSAGE_CONTENT_MAX_CHARS, 1_000 + i) }));
    // A first small write creates the workspace and session, so the measured request is the batch alone.
    expect((await call('POST', '/v3/workspaces/cjk/sessions/s/messages', { messages: [{ peer_id: 'a', content: 'hi' }] })).status).toBe(201);

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const started = performance.now();
    // Timer callbacks stand in for every other request of the process: they must keep running during the batch.
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 20);
    const response = await call('POST', '/v3/workspaces/cjk/sessions/s/messages', { messages });
    const elapsed = performance.now() - started;
    clearInterval(timer);
    delay.disable();

    expect(response.status, await response.clone().text()).toBe(201);
    const body = (await response.json()) as { token_count: number }[];
    expect(body).toHaveLength(20);
    for (const m of body) expect(m.token_count).toBeGreaterThan(MESSAGE_CONTENT_MAX_CHARS / 2);
    // It took 123 s before token counting was linear; the bound leaves room for a loaded machine.
    expect(elapsed).toBeLessThan(30_000);
    // No callback waited a second or more (it waited up to 63 s for /health before), and timers kept firing.
    expect(delay.max / 1e6).toBeLessThan(1_000);
    expect(ticks).toBeGreaterThan(elapsed / 1_000);
  }, 120_000);
});
