// A real P2028 through a real route (docs/scaling.md): with a pool of one connection held by a long transaction and a short
// transaction wait (DATABASE_TRANSACTION_MAX_WAIT_MS), DELETE /v3/workspaces/{ws} cannot start its transaction and
// answers 503 with Retry-After instead of 500; once the connection is free the same request succeeds.
import { describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { call } from '../support/app-fetch';
import { json, uniqueId } from '../support/http-assertions';
import { provideTestDatabase } from '../support/test-database';

process.env.DATABASE_POOL_SIZE = '1';
process.env.DATABASE_TRANSACTION_MAX_WAIT_MS = '300';
provideTestDatabase();

describe('a route whose transaction cannot start in time', () => {
  it('answers 503 with Retry-After, then succeeds once the pool has room', async () => {
    const ws = uniqueId('busy');
    expect((await call('POST', '/v3/workspaces', { id: ws })).status).toBe(201);

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const holding = new Promise<void>((resolve) => (started = resolve));
    const holder = getDb().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      started();
      await gate;
    }, { maxWait: 10_000, timeout: 60_000 });
    await holding;

    const busy = await call('DELETE', `/v3/workspaces/${ws}`);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('2');
    expect(await json(busy)).toEqual({ detail: 'The database is busy; retry the request shortly.' });

    release();
    await holder;
    expect((await call('DELETE', `/v3/workspaces/${ws}`)).status).toBe(202);
  });
});
