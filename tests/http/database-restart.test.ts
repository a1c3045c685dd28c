// The database goes away under a running app (a PostgreSQL restart) and comes back (docs/scaling.md): while it is gone
// every REST write and read answers 503 with Retry-After — never 500 — tRPC procedures answer SERVICE_UNAVAILABLE, the
// worker logs the outage as such and keeps polling; once it is back the same requests succeed and nothing was half
// written. The database sits behind a proxy that shuts down the way a server does (FATAL 57P01 to every connection,
// then refused connections), on both lanes. Console sign-in (Auth.js's credentials callback) answers 503 too, with the
// sign-in page's `error=Unavailable`, instead of Auth.js's "misconfigured" redirect.
import { NextRequest } from 'next/server';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as authGet, POST as authPost } from '@/app/api/auth/[...nextauth]/route';
import { closeDb, getDb } from '@/server/db/client';
import { startWorker } from '@/server/jobs/start-worker';
import { createCaller } from '@/server/trpc/app-router';
import { call } from '../support/app-fetch';
import { json, uniqueId } from '../support/http-assertions';
import { startDatabaseProxy, type DatabaseProxy } from '../support/database-proxy';
import { createTestDatabase, TEST_EMBEDDING_DIMENSIONS, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
let proxy: DatabaseProxy;
beforeAll(async () => {
  process.env.AUTH_DISABLED = 'true';
  process.env.AUTH_SECRET = 'database-restart-tests-secret-0123456789';
  database = await createTestDatabase();
  proxy = await startDatabaseProxy(database.url);
  process.env.DATABASE_URL = proxy.url;
  process.env.RAPPORT_DATABASE_MODE = database.kind;
  process.env.EMBEDDING_DIMENSIONS = String(TEST_EMBEDDING_DIMENSIONS);
  // Fail fast instead of queueing when no connection can be had (the default waits for a free one).
  process.env.DATABASE_TRANSACTION_MAX_WAIT_MS = '2000';
});
afterAll(async () => {
  await closeDb();
  await proxy?.close();
  await database?.close();
});

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A console sign-in as the form sends it (CSRF token first, then the credentials callback); a wrong password. */
async function signInAttempt(): Promise<Response> {
  const origin = 'http://127.0.0.1:8301';
  const headers = { host: '127.0.0.1:8301' };
  const csrf = await authGet(new NextRequest(`${origin}/api/auth/csrf`, { headers }));
  expect(csrf.status).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return authPost(
    new NextRequest(`${origin}/api/auth/callback/credentials`, {
      method: 'POST',
      headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded', 'x-auth-return-redirect': '1' },
      body: new URLSearchParams({ csrfToken, email: 'nobody@example.test', password: 'not-the-password', callbackUrl: '/console' }).toString(),
    }),
  );
}

const write = (ws: string, content: string) =>
  call('POST', `/v3/workspaces/${ws}/sessions/s1/messages`, { messages: [{ peer_id: 'alice', content }] });

describe('a database restart under a running app', () => {
  it('answers 503 with Retry-After while the database is down and succeeds once it is back', { timeout: 60_000 }, async () => {
    const ws = uniqueId('restart');
    expect((await call('POST', '/v3/workspaces', { id: ws })).status).toBe(201);
    expect((await call('POST', `/v3/workspaces/${ws}/sessions`, { id: 's1', peers: { alice: {} } })).status).toBe(201);
    expect((await write(ws, 'before')).status).toBe(201);

    const logs: { event: string; fields: Record<string, unknown> }[] = [];
    const worker = startWorker({
      db: getDb(),
      concurrency: 1,
      pollMs: 50,
      idleMinMs: 10,
      listenUrl: null,
      log: (event, fields = {}) => logs.push({ event, fields }),
    });
    await until(() => logs.some((l) => l.event === 'worker started'), 'the worker');

    await proxy.stop();
    const down = [
      await write(ws, 'during 1'),
      await write(ws, 'during 2'),
      await call('POST', '/v3/workspaces', { id: uniqueId('new') }),
      await call('POST', `/v3/workspaces/${ws}/sessions/s1/messages/list`, {}),
      await call('GET', `/v3/workspaces/${ws}/sessions/s1/context`),
    ];
    for (const response of down) {
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await json(response)).toEqual({ detail: expect.stringMatching(/database is (unavailable|busy)/) });
    }
    const trpc = await createCaller({ db: getDb(), session: null, ip: '198.51.100.1' })
      .account.setupState()
      .then(() => null, (error: unknown) => error);
    expect(trpc).toBeInstanceOf(TRPCError);
    expect((trpc as TRPCError).code).toBe('SERVICE_UNAVAILABLE');
    await until(() => logs.some((l) => l.event === 'database unavailable, will retry'), 'the worker to report the outage');
    expect(logs.filter((l) => l.event === 'poll failed')).toEqual([]);

    await proxy.start();
    let back = await write(ws, 'after');
    // The pool may still hand out one connection that died with the server; the retry the client was told to make works.
    if (back.status === 503) back = await write(ws, 'after');
    expect(back.status).toBe(201);
    await until(() => logs.some((l) => l.event === 'poll recovered'), 'the worker to recover');
    await worker.stop({ graceMs: 0 });

    const listed: { items: { content: string }[] } = await json(await call('POST', `/v3/workspaces/${ws}/sessions/s1/messages/list`, {}));
    expect(listed.items.map((m) => m.content)).toEqual(['before', 'after']);
  });

  it('answers console sign-in with 503 and Retry-After while the database is down, and as usual once it is back', async () => {
    await proxy.stop();
    try {
      const down = await signInAttempt();
      expect(down.status).toBe(503);
      expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await down.json()).toEqual({
        detail: expect.stringMatching(/database is (unavailable|busy)/),
        url: 'http://127.0.0.1:8301/console/sign-in?error=Unavailable',
      });
    } finally {
      await proxy.start();
    }
    let back = await signInAttempt();
    if (back.status === 503) back = await signInAttempt();
    expect(back.status).toBe(200);
    const { url } = (await back.json()) as { url: string };
    expect(new URL(url).searchParams.get('error')).toBe('CredentialsSignin');
  });
});
