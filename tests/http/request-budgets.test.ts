// Requests that used to stall or crash the server for everyone (docs/limits.md): filters too broad for PostgreSQL's
// bind-parameter count, JSON nested deep enough to overflow the stack, and search queries long enough to keep the
// tokenizer busy for seconds. Each must answer a 4xx at once, with the event loop free for other requests. Also the
// body size Next's proxy lets through (docs/limits.md).
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import nextConfig from '../../next.config.mjs';
import { MAX_FILTER_ARRAY_ITEMS } from '@/server/db/filters/filter-budget';
import { JSON_BODY_LIMIT } from '@/server/http/read-body';
import { MAX_QUERY_CHARS } from '@/server/services/search/search-query';
import { call } from '../support/app-fetch';
import { measureEventLoop } from '../support/event-loop-delay';
import { invalid, uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();

/** The longest the loop may be held while an attack is answered: other requests must still answer within a second. */
const RESPONSIVE_MS = 1_000;

let ws: string;
const listMessages = (body: unknown) => call('POST', `/v3/workspaces/${ws}/sessions/s1/messages/list`, body);

beforeAll(async () => {
  ws = uniqueId('budgets');
  const created = await call('POST', `/v3/workspaces/${ws}/sessions/s1/messages`, {
    messages: [{ peer_id: 'alice', content: 'hello', metadata: { tier: 3 }, configuration: { reasoning: { enabled: false } } }],
  });
  expect(created.status).toBe(201);
});

/** `[[[ … 1 … ]]]` as JSON text, `depth` arrays deep (built as text: the value itself could not be serialised). */
const deepArrays = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

describe('filter breadth', () => {
  it('answers 422 for an OR of 70,000 peer ids (it used to wrap the 16-bit bind count and answer 500)', async () => {
    const filters = { OR: Array.from({ length: 70_000 }, (_, i) => ({ peer_id: `p${i}` })) };
    const { result, maxLoopDelayMs } = await measureEventLoop(() => listMessages({ filters }));
    expect(await invalid(result)).toEqual(['body.filters']);
    expect(maxLoopDelayMs).toBeLessThan(RESPONSIVE_MS);
  });

  it('answers 422 for 50,000 metadata operators (it used to answer 500 after seconds of a stalled server)', async () => {
    const metadata = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, { gte: i }]));
    const { result, maxLoopDelayMs } = await measureEventLoop(() => listMessages({ filters: { metadata } }));
    const response = result.clone();
    expect(await invalid(result)).toEqual(['body.filters']);
    expect((await response.json()).detail).toMatch(/at most 10000 values/);
    expect(maxLoopDelayMs).toBeLessThan(RESPONSIVE_MS);
  });

  it('answers 422 for an in-list beyond the array budget, and serves one within it', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `m${i}`);
    const over = await listMessages({ filters: { peer_id: { in: ids(MAX_FILTER_ARRAY_ITEMS + 1) } } });
    expect(await invalid(over.clone())).toEqual(['body.filters']);
    expect((await over.json()).detail).toMatch(/at most 5000 items/);
    const within = await listMessages({ filters: { peer_id: { in: ids(MAX_FILTER_ARRAY_ITEMS) } } });
    expect(within.status).toBe(200);
  });

  it('answers 422 when a filter within the value budget compiles to too many bound values', async () => {
    // 2,000 keyed numeric operators: ~6,000 values, under the 10,000-value budget, over the 5,000-parameter one.
    const metadata = Object.fromEntries(Array.from({ length: 2_000 }, (_, i) => [`k${i}`, { gt: i }]));
    const response = await listMessages({ filters: { metadata } });
    const detail = (await response.clone().json()).detail as string;
    expect(await invalid(response)).toEqual(['body.filters']);
    expect(detail).toMatch(/at most 5000 are allowed/);
  });

  it('still serves a broad legal filter', async () => {
    const response = await listMessages({ filters: { OR: [...Array.from({ length: 500 }, (_, i) => ({ peer_id: `x${i}` })), { metadata: { tier: 3 } }] } });
    expect(response.status).toBe(200);
    expect((await response.json()).items.map((m: { content: string }) => m.content)).toEqual(['hello']);
  });
});

describe('nesting depth', () => {
  it('answers 422 for filters 100,000 arrays deep (it used to overflow the stack: 500)', async () => {
    const { result, maxLoopDelayMs } = await measureEventLoop(() => listMessages(`{"filters":{"peer_id":${deepArrays(100_000)}}}`));
    expect(await invalid(result)).toEqual(['body']);
    expect(maxLoopDelayMs).toBeLessThan(RESPONSIVE_MS);
  });

  it('answers 422 for metadata 100,000 levels deep on a message write and on a peer', async () => {
    const deepMetadata = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const message = await call('POST', `/v3/workspaces/${ws}/sessions/s1/messages`, `{"messages":[{"peer_id":"alice","content":"x","metadata":${deepMetadata}}]}`);
    expect(await invalid(message)).toEqual(['body']);
    const peer = await call('POST', `/v3/workspaces/${ws}/peers`, `{"id":"deep","metadata":${deepMetadata}}`);
    expect(await invalid(peer)).toEqual(['body']);
  });

  it('keeps legal nesting and brackets inside strings', async () => {
    const response = await call('POST', `/v3/workspaces/${ws}/sessions/s1/messages`, {
      messages: [{ peer_id: 'alice', content: '['.repeat(10_000), metadata: { a: { b: { c: { d: 'x' } } } }, configuration: { reasoning: { enabled: false } } }],
    });
    expect(response.status).toBe(201);
    const tooDeep = await call('POST', `/v3/workspaces/${ws}/sessions/s1/messages`, {
      messages: [{ peer_id: 'alice', content: 'x', metadata: { a: { b: { c: { d: { e: { f: 'x' } } } } } } }],
    });
    expect(await invalid(tooDeep)).toEqual(['body.messages[0].metadata']);
  });
});

describe('search query length', () => {
  it('refuses a query beyond the character cap without tokenising it', async () => {
    // 200,000 CJK characters form one pre-token, which the tokenizer used to chew on for minutes.
    const query = '的'.repeat(MAX_QUERY_CHARS * 3);
    const { result, maxLoopDelayMs } = await measureEventLoop(() => call('POST', `/v3/workspaces/${ws}/search`, { query }));
    const detail = (await result.clone().json()).detail as string;
    expect(await invalid(result)).toEqual(['body.query']);
    expect(detail).toContain(`longer than ${MAX_QUERY_CHARS} characters`);
    expect(maxLoopDelayMs).toBeLessThan(RESPONSIVE_MS);
  });
});

describe("body size behind Next's proxy", () => {
  // Next's own buffering of proxied bodies (the code `next start` runs for every request the proxy sees), fed the
  // configured limit: the in-process handler tests never pass through it.
  async function bufferedThroughProxy(bytes: number, limit: number | undefined): Promise<number> {
    const { getCloneableBody } = (await import('next/dist/server/body-streams.js')) as unknown as {
      getCloneableBody(readable: Readable, sizeLimit?: number): { cloneBodyStream(): Readable };
    };
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const source = Readable.from((function* () {
      for (let sent = 0; sent < bytes; sent += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, bytes - sent));
    })());
    let received = 0;
    for await (const part of getCloneableBody(source, limit).cloneBodyStream()) received += (part as Buffer).length;
    return received;
  }

  it('passes a legal 14 MiB body whole (the 10 MB default cut it), and keeps a longer one over the 16 MiB limit', async () => {
    const limit = nextConfig.experimental?.proxyClientMaxBodySize as number;
    const legal = 14 * 1024 * 1024 + 300 * 1024;
    expect(await bufferedThroughProxy(legal, undefined)).toBeLessThan(legal);
    expect(await bufferedThroughProxy(legal, limit)).toBe(legal);
    expect(await bufferedThroughProxy(20 * 1024 * 1024, limit)).toBeGreaterThan(JSON_BODY_LIMIT);
  });
});
