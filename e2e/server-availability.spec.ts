// Availability against the real server process (docs/embedded-database.md, docs/scaling.md): the production build on
// its embedded database, as CI starts it. In-process tests cover the same guards; here the launcher's socket guard,
// Next's request handling and the idempotency store run as deployed.
//   - A local client of the embedded database's socket needs the generated password; one that holds a transaction
//     is cut after the idle-in-transaction timeout (the server's default, 30 s) and /health keeps answering (503
//     after its 3 s database check while the one backend is held, 200 once the holder is cut); a refused COPY FROM
//     STDIN and a client that drops its socket mid-transaction leave the server serving, with nothing stored.
//   - A batch whose reply is lost after the server committed it is stored once when the SDK retries with an
//     Idempotency-Key (and twice without one, the failure the header prevents).
// Its name sorts it after the other specs, so the 30 s hold of the one database backend does not slow theirs.
import fs from 'node:fs';
import path from 'node:path';
import { Honcho } from '@honcho-ai/sdk';
import { expect, test, type APIRequestContext } from '@playwright/test';
import pg from 'pg';
import { adminToken } from './support/admin-token';

const run = Date.now().toString(36);
/** The server's idle-in-transaction cut (DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS, default 30 s) plus room for a loaded machine. */
const IDLE_CUT_WITHIN_MS = 30_000 + 30_000;
/** /health's own database check gives up after 3 s; an answer must come within that plus a second. */
const HEALTH_CHECK_MS = 3_000;
let auth: Record<string, string>;
let token: string;

test.beforeAll(async ({ request }) => {
  token = await adminToken(request);
  auth = { authorization: `Bearer ${token}` };
});

/** The running launcher's embedded database URL (password included), as `npm run worker` finds it. */
function embeddedUrl(): string {
  const file = path.resolve(process.env.RAPPORT_DATA_DIR ?? '.data', 'embedded-postgres.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { url: string }).url;
}

/** Polls /health every 100 ms while `attack` runs; the attack's result, the slowest answer and the statuses seen. */
async function whileHealthPolled<T>(request: APIRequestContext, attack: () => Promise<T>) {
  let done = false;
  let slowestMs = 0;
  const statuses: number[] = [];
  const poller = (async () => {
    while (!done) {
      const started = Date.now();
      const health = await request.get('/health', { timeout: 30_000 });
      slowestMs = Math.max(slowestMs, Date.now() - started);
      statuses.push(health.status());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  try {
    return { result: await attack(), slowestMs: () => slowestMs, statuses: () => statuses };
  } finally {
    done = true;
    await poller;
  }
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 60_000 });
  await client.connect();
  return client;
}

async function workspaceWithSession(request: APIRequestContext, ws: string): Promise<void> {
  expect((await request.post('/v3/workspaces', { headers: auth, data: { id: ws } })).status()).toBe(201);
  const session = await request.post(`/v3/workspaces/${ws}/sessions`, { headers: auth, data: { id: 's1', peers: { alice: {} } } });
  expect(session.status()).toBe(201);
}

test('a client of the embedded database cannot hold, wedge or write to it past its guards', async ({ request }) => {
  test.setTimeout(180_000);
  const url = embeddedUrl();
  const wrong = new URL(url);
  wrong.password = 'not-the-password';
  await expect(connect(wrong.toString())).rejects.toThrow(/password authentication failed/);

  const floor = await whileHealthPolled(request, () => new Promise((resolve) => setTimeout(resolve, 3_000)));
  const bound = 1_000 + floor.slowestMs();

  // Holds the one backend: BEGIN, a write, then silence.
  const holder = await connect(url);
  const cut = new Promise<Error>((resolve) => holder.on('error', resolve));
  await holder.query('BEGIN');
  await holder.query(`INSERT INTO workspaces (id, name) VALUES ('held-${run}', 'held-${run}')`);
  const started = Date.now();
  const held = await whileHealthPolled(request, () =>
    Promise.race([cut, new Promise<null>((resolve) => setTimeout(() => resolve(null), IDLE_CUT_WITHIN_MS))]),
  );
  const cutAfterMs = Date.now() - started;
  await holder.end().catch(() => undefined);
  console.info(
    `[availability] idle holder cut after ${cutAfterMs} ms; slowest /health while held ${held.slowestMs()} ms (floor ${floor.slowestMs()} ms), statuses ${[...new Set(held.statuses())]}`,
  );
  expect(held.result, 'the server never cut the idle transaction').not.toBeNull();
  expect(held.result!.message).toMatch(/idle-in-transaction timeout/);
  expect(held.slowestMs()).toBeLessThan(HEALTH_CHECK_MS + bound);

  // Once the holder is gone the server serves at once, and the held write was rolled back.
  const after = await whileHealthPolled(request, async () => {
    const ws = `e2e-avail-${run}`;
    await workspaceWithSession(request, ws);
    return ws;
  });
  // (A 503 may still come while the requests that queued behind the holder drain: an answer, not a stall.)
  expect(after.slowestMs()).toBeLessThan(bound);
  expect((await request.get('/health')).status()).toBe(200);

  // COPY FROM STDIN is refused (it used to wedge the backend until restart); then the client vanishes mid-transaction.
  const copier = await connect(url);
  copier.on('error', () => undefined);
  await copier.query('BEGIN');
  await copier.query(`INSERT INTO workspaces (id, name) VALUES ('dropped-${run}', 'dropped-${run}')`);
  await expect(copier.query('COPY workspaces (id) FROM STDIN')).rejects.toThrow(/COPY FROM STDIN is not supported by the embedded database/);
  (copier as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
  const dropped = await whileHealthPolled(request, () => request.post(`/v3/workspaces/e2e-avail-${run}/sessions/s1/messages/list`, { headers: auth, data: {} }));
  expect(dropped.result.status()).toBe(200);
  expect(dropped.slowestMs()).toBeLessThan(bound);
  expect((await request.get('/health')).status()).toBe(200);
  console.info(`[availability] after the refused COPY and the dropped client: slowest /health ${dropped.slowestMs()} ms`);

  const reader = await connect(url);
  try {
    const { rows } = await reader.query<{ id: string }>('SELECT id FROM workspaces WHERE id = ANY($1)', [[`held-${run}`, `dropped-${run}`]]);
    expect(rows).toEqual([]);
  } finally {
    await reader.end();
  }
});

test.describe('a batch whose reply is lost, retried by the SDK', () => {
  /** The server commits the batch and answers; the answer is dropped on the way back; the SDK retries. */
  async function addWithLostReply(baseURL: string, key: string | null): Promise<string[]> {
    const ws = `e2e-idem-${run}-${key ? 'key' : 'nokey'}`;
    const headers: Record<string, string> = key ? { 'Idempotency-Key': key } : {};
    const honcho = new Honcho({ baseURL, apiKey: token, workspaceId: ws, maxRetries: 2, defaultHeaders: headers });
    const session = await honcho.session('s1');
    const alice = await honcho.peer('alice');
    const network = globalThis.fetch;
    let lost = 0;
    globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await network(input, init);
      if (init?.method === 'POST' && String(input).endsWith('/sessions/s1/messages') && lost === 0) {
        lost += 1;
        await response.arrayBuffer();
        throw new TypeError('fetch failed');
      }
      return response;
    };
    try {
      const added = await session.addMessages([alice.message('stored once?')]);
      expect(added.map((m) => m.content)).toEqual(['stored once?']);
    } finally {
      globalThis.fetch = network;
    }
    expect(lost).toBe(1);
    const stored: string[] = [];
    for await (const message of await session.messages()) stored.push(message.content);
    return stored;
  }

  test('is stored once with an Idempotency-Key, and twice without one', async ({ baseURL }) => {
    expect(await addWithLostReply(baseURL!, `e2e-lost-reply-${run}`)).toEqual(['stored once?']);
    expect(await addWithLostReply(baseURL!, null)).toEqual(['stored once?', 'stored once?']);
  });

  test('replays the first answer to a raw retry, and refuses another body under the same key', async ({ request }) => {
    const ws = `e2e-idem-raw-${run}`;
    await workspaceWithSession(request, ws);
    const send = (content: string) =>
      request.post(`/v3/workspaces/${ws}/sessions/s1/messages`, {
        headers: { ...auth, 'Idempotency-Key': `raw-${run}` },
        data: { messages: [{ peer_id: 'alice', content, configuration: { reasoning: { enabled: false } } }] },
      });
    const first = await send('once');
    expect(first.status()).toBe(201);
    const again = await send('once');
    expect(again.status()).toBe(201);
    expect(again.headers()['idempotent-replayed']).toBe('true');
    expect(await again.text()).toBe(await first.text());
    expect((await send('something else')).status()).toBe(422);
    const listed = await request.post(`/v3/workspaces/${ws}/sessions/s1/messages/list`, { headers: auth, data: {} });
    expect(((await listed.json()) as { items: { content: string }[] }).items.map((m) => m.content)).toEqual(['once']);
  });
});
