// Idempotency-Key on non-idempotent POSTs (README "Idempotency-Key", a Rapport extension): a repeat with the same key
// and request returns the first answer without writing again, a different request under the same key is refused, two
// concurrent duplicates write once, and keys live 24 h (swept by the worker); time moves through an injected clock.
// The SDK scenario reproduces the lost reply: the batch commits, the client never sees the answer and retries.
import { Honcho } from '@honcho-ai/sdk';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/server/db/client';
import { setIdempotencyClock } from '@/server/http/idempotency';
import { DEFAULT_SWEEP_TASKS } from '@/server/jobs/default-sweep-tasks';
import { APP_BASE_URL, appFetch, call, installAppFetch } from '../support/app-fetch';
import { json, uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();
beforeAll(() => installAppFetch());
afterEach(() => setIdempotencyClock(null));

const DAY_MS = 24 * 60 * 60 * 1000;

async function sessionIn(ws: string): Promise<void> {
  expect((await call('POST', '/v3/workspaces', { id: ws })).status).toBe(201);
  expect((await call('POST', `/v3/workspaces/${ws}/sessions`, { id: 's1', peers: { alice: {} } })).status).toBe(201);
}

const post = (ws: string, key: string | null, content: string) =>
  call('POST', `/v3/workspaces/${ws}/sessions/s1/messages`, { messages: [{ peer_id: 'alice', content }] }, key ? { 'Idempotency-Key': key } : {});

async function contents(ws: string): Promise<string[]> {
  const page = await json(await call('POST', `/v3/workspaces/${ws}/sessions/s1/messages/list`, {}));
  return (page.items as { content: string }[]).map((m) => m.content);
}

describe('Idempotency-Key on message creation', () => {
  it('answers a repeat with the first answer (status and body) without writing again', async () => {
    const ws = uniqueId('idem');
    await sessionIn(ws);
    const first = await post(ws, 'key-1', 'hello');
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const firstBody = await first.text();

    const again = await post(ws, 'key-1', 'hello');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe(firstBody);
    expect(await contents(ws)).toEqual(['hello']);

    // Without a key, or with another one, the same body is a new write.
    expect((await post(ws, 'key-2', 'hello')).status).toBe(201);
    expect((await post(ws, null, 'hello')).status).toBe(201);
    expect(await contents(ws)).toEqual(['hello', 'hello', 'hello']);
  });

  it('refuses the same key with a different body, and keeps keys apart per workspace', async () => {
    const ws = uniqueId('idem');
    const other = uniqueId('idem');
    await sessionIn(ws);
    await sessionIn(other);
    expect((await post(ws, 'shared', 'one')).status).toBe(201);
    const conflict = await post(ws, 'shared', 'two');
    expect(conflict.status).toBe(422);
    expect((await json(conflict)).detail).toMatch(/Idempotency-Key was already used with a different request/);
    expect((await post(other, 'shared', 'two')).status).toBe(201);
    expect(await contents(ws)).toEqual(['one']);
    expect(await contents(other)).toEqual(['two']);

    const malformed = await post(ws, 'x'.repeat(256), 'three');
    expect(malformed.status).toBe(422);
    expect((await json(malformed)).detail).toMatch(/Idempotency-Key must be 1 to 255 visible ASCII characters/);
  });

  it('tells uploads apart by their file bytes', async () => {
    const ws = uniqueId('idem');
    await sessionIn(ws);
    const upload = (text: string) => {
      const form = new FormData();
      form.append('peer_id', 'alice');
      form.append('file', new Blob([text], { type: 'text/plain' }), 'notes.txt');
      return appFetch(`${APP_BASE_URL}/v3/workspaces/${ws}/sessions/s1/messages/upload`, {
        method: 'POST',
        body: form,
        headers: { 'Idempotency-Key': 'upload-1' },
      });
    };
    expect((await upload('first file')).status).toBe(201);
    const replay = await upload('first file');
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await upload('second file')).status).toBe(422);
    expect(await contents(ws)).toEqual(['first file']);
  });

  it('lets only one of two concurrent duplicates write', async () => {
    const ws = uniqueId('idem');
    await sessionIn(ws);
    const answers = await Promise.all([post(ws, 'race', 'once'), post(ws, 'race', 'once'), post(ws, 'race', 'once')]);
    const statuses = answers.map((r) => r.status);
    // The first holds the key: the others either wait out its answer as a replay or are told it is still running.
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    for (const status of statuses) expect([201, 409]).toContain(status);
    expect(await contents(ws)).toEqual(['once']);
  });

  it('forgets a key after 24 hours, and the worker sweep removes it', async () => {
    const ws = uniqueId('idem');
    await sessionIn(ws);
    const start = Date.now();
    setIdempotencyClock(() => new Date(start));
    expect((await post(ws, 'daily', 'monday')).status).toBe(201);
    setIdempotencyClock(() => new Date(start + DAY_MS - 60_000));
    expect((await post(ws, 'daily', 'monday')).headers.get('idempotent-replayed')).toBe('true');
    setIdempotencyClock(() => new Date(start + DAY_MS + 60_000));
    const later = await post(ws, 'daily', 'monday');
    expect(later.status).toBe(201);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(await contents(ws)).toEqual(['monday', 'monday']);

    const sweep = DEFAULT_SWEEP_TASKS.find((task) => task.name === 'idempotency keys')!;
    const rows = () => getDb().idempotencyKey.count({ where: { workspaceId: ws } });
    expect(await rows()).toBe(1);
    await sweep.run(getDb(), new Date(start + DAY_MS + 120_000));
    expect(await rows()).toBe(1);
    await sweep.run(getDb(), new Date(start + 2 * DAY_MS + 120_000));
    expect(await rows()).toBe(0);
  });
});

describe('Idempotency-Key through @honcho-ai/sdk', () => {
  /** The app commits the batch, then the reply is lost on the way back; the SDK retries the same request. */
  async function addWithLostReply(headers: Record<string, string>): Promise<string[]> {
    const ws = uniqueId('sdk-idem');
    const honcho = new Honcho({ baseURL: APP_BASE_URL, workspaceId: ws, maxRetries: 2, defaultHeaders: headers });
    const session = await honcho.session('s1');
    const alice = await honcho.peer('alice');
    const app = globalThis.fetch;
    let lost = 0;
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await app(input, init);
      if (init?.method === 'POST' && String(input).endsWith('/sessions/s1/messages') && lost === 0) {
        lost += 1;
        throw new TypeError('fetch failed');
      }
      return response;
    });
    try {
      const added = await session.addMessages([alice.message('stored once?')]);
      expect(added.map((m) => m.content)).toEqual(['stored once?']);
    } finally {
      vi.stubGlobal('fetch', app);
    }
    expect(lost).toBe(1);
    const stored: string[] = [];
    for await (const message of await session.messages()) stored.push(message.content);
    return stored;
  }

  it('stores a batch once when the reply is lost and the SDK retries with the same key', async () => {
    expect(await addWithLostReply({ 'Idempotency-Key': 'sdk-batch-1' })).toEqual(['stored once?']);
  });

  it('stores it twice without a key (the failure the header prevents)', async () => {
    expect(await addWithLostReply({})).toEqual(['stored once?', 'stored once?']);
  });
});
