// The console's Usage and Request log pages through tRPC: owners and members of the app's organization read them,
// anyone else gets NOT_FOUND (signed out: UNAUTHORIZED); the summary fills every day of the window and names keys;
// the request log filters by status class, route and credential and pages newest first.
import { TRPCError } from '@trpc/server';
import { describe, expect, it, vi } from 'vitest';
import { getDb } from '@/server/db/client';
import { flushUsage } from '@/server/services/usage/flush-usage';
import { UsageTally } from '@/server/services/usage/usage-tally';
import { createCaller } from '@/server/trpc/app-router';
import { provideTestDatabase } from '../support/test-database';
import { newAccount, unique } from './console-fixtures';

provideTestDatabase();
vi.setConfig({ testTimeout: 180_000 });

const caller = (userId: string | null) => createCaller({ db: getDb(), session: userId ? { userId } : null, ip: '198.51.100.10' });

async function trpcError(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

/** An app with a key, a member besides its owner, and today's traffic recorded through the real tally and flush. */
async function appWithTraffic() {
  const owner = await newAccount('usage');
  const api = caller(owner.userId);
  const app = unique('usage-app');
  await api.apps.create({ id: app });
  const { apiKey } = await api.keys.create({ app, name: 'backend key', scope: 'workspace' });
  const member = await newAccount('usage-member');
  await getDb().organizationMember.create({ data: { organizationId: owner.organizationId, userId: member.userId, role: 'member' } });
  const ws = await getDb().workspace.findUniqueOrThrow({ where: { name: app } });

  const now = new Date();
  const tally = new UsageTally({ prices: { priced: { input: 1, output: 2 } }, requestLog: true, maxBufferedLogRows: 1_000 }, () => now);
  const peers = '/v3/workspaces/{workspace_id}/peers';
  const chat = '/v3/workspaces/{workspace_id}/peers/{peer_id}/chat';
  for (let i = 0; i < 60; i++) tally.recordRequest({ method: 'POST', endpoint: peers, requestId: `p${i}`, workspace: app, keyId: `key:${apiKey.id}`, status: 200, latencyMs: 5 });
  tally.recordRequest({ method: 'POST', endpoint: chat, requestId: 'c1', workspace: app, keyId: `key:${apiKey.id}`, status: 500, latencyMs: 900 });
  tally.recordRequest({ method: 'GET', endpoint: peers, requestId: 'u1', workspace: app, status: 401, latencyMs: 1 });
  tally.recordRequest({ method: 'GET', endpoint: peers, requestId: 'j1', workspace: app, keyId: 'jwt:0123456789ab', status: 404, latencyMs: 2 });
  tally.recordModelCall({ workspaceId: ws.id }, { task: 'dialectic', model: 'priced', inputTokens: 1_000_000, outputTokens: 1_000, ok: true });
  tally.recordModelCall({ workspaceId: ws.id }, { task: 'deriver', model: 'unpriced', inputTokens: 300, outputTokens: 20, ok: true });
  await flushUsage(getDb(), tally.drain());
  return { app, api, memberApi: caller(member.userId), apiKey };
}

describe('access', () => {
  it('lets owners and members read usage and the request log, and nobody else', async () => {
    const { app, api, memberApi } = await appWithTraffic();
    for (const reader of [api, memberApi]) {
      expect((await reader.usage.summary({ app })).totals.requests).toBe(63);
      expect((await reader.usage.requests({ app })).total).toBe(63);
    }
    const outsider = caller((await newAccount('usage-outsider')).userId);
    expect((await trpcError(outsider.usage.summary({ app }))).code).toBe('NOT_FOUND');
    expect((await trpcError(outsider.usage.requests({ app }))).code).toBe('NOT_FOUND');
    expect((await trpcError(caller(null).usage.summary({ app }))).code).toBe('UNAUTHORIZED');
    expect((await trpcError(caller(null).usage.requests({ app }))).code).toBe('UNAUTHORIZED');
    expect((await trpcError(api.usage.summary({ app: 'no-such-app-here' }))).code).toBe('NOT_FOUND');
    expect((await trpcError(api.usage.requests({ app, status: '6xx' as '5xx' }))).code).toBe('BAD_REQUEST');
  });
});

describe('summary', () => {
  it('has every day of the window, totals with cost from priced calls, and tables per key and per task and model', async () => {
    const { app, api, apiKey } = await appWithTraffic();
    const summary = await api.usage.summary({ app, days: 7 });
    expect(summary.days).toHaveLength(7);
    expect(summary.days.at(-1)).toMatchObject({ day: new Date().toISOString().slice(0, 10), requests: 63, errors: 3, inputTokens: 1_000_300 });
    expect(summary.days.slice(0, 6).every((d) => d.requests === 0)).toBe(true);
    expect(summary.totals).toMatchObject({ inputTokens: 1_000_300, outputTokens: 1_020, unpriced: true });
    expect(summary.totals.costUsd).toBeCloseTo(1 + 0.002, 9);
    const key = summary.byKey.find((k) => k.id === `key:${apiKey.id}`)!;
    expect(key).toMatchObject({ label: 'backend key', kind: 'key', requests: 61, errors: 1 });
    expect(key.p50Ms!).toBeGreaterThan(3);
    expect(key.p50Ms!).toBeLessThanOrEqual(5);
    expect(key.p95Ms!).toBeLessThanOrEqual(5);
    expect(summary.byKey.map((k) => k.label).sort()).toEqual(['JWT 0123456789ab', 'No credential', 'backend key']);
    expect(summary.byModel).toEqual([
      { task: 'dialectic', model: 'priced', calls: 1, errors: 0, inputTokens: 1_000_000, outputTokens: 1_000, costUsd: expect.closeTo(1.002, 9) },
      { task: 'deriver', model: 'unpriced', calls: 1, errors: 0, inputTokens: 300, outputTokens: 20, costUsd: null },
    ]);
  });
});

describe('request log', () => {
  it('filters by status class, route and credential, newest first, a page at a time', async () => {
    const { app, api, apiKey } = await appWithTraffic();
    const first = await api.usage.requests({ app, size: 25 });
    expect(first).toMatchObject({ total: 63, pages: 3, page: 1 });
    expect(first.items[0]).toMatchObject({ requestId: 'j1', status: 404, credential: { label: 'JWT 0123456789ab' } });
    const third = await api.usage.requests({ app, size: 25, page: 3 });
    expect(third.items.at(-1)?.requestId).toBe('p0');
    expect(first.routes).toEqual(['/v3/workspaces/{workspace_id}/peers', '/v3/workspaces/{workspace_id}/peers/{peer_id}/chat']);
    expect(first.keys.map((k) => k.label).sort()).toEqual(['JWT 0123456789ab', 'No credential', 'backend key']);

    expect((await api.usage.requests({ app, status: '5xx' })).items.map((r) => r.requestId)).toEqual(['c1']);
    expect((await api.usage.requests({ app, status: '4xx' })).items.map((r) => r.requestId)).toEqual(['j1', 'u1']);
    expect((await api.usage.requests({ app, status: '3xx' })).total).toBe(0);
    expect((await api.usage.requests({ app, route: '/v3/workspaces/{workspace_id}/peers/{peer_id}/chat' })).items).toMatchObject([
      { requestId: 'c1', method: 'POST', latencyMs: 900, credential: { id: `key:${apiKey.id}`, label: 'backend key' } },
    ]);
    expect((await api.usage.requests({ app, key: 'none' })).items.map((r) => r.requestId)).toEqual(['u1']);
    const byKey = await api.usage.requests({ app, key: `key:${apiKey.id}`, status: '2xx' });
    expect(byKey.total).toBe(60);
    // No body and no secret in a row: only these fields exist.
    expect(Object.keys(first.items[0]!).sort()).toEqual(['at', 'credential', 'id', 'latencyMs', 'method', 'requestId', 'route', 'status']);
  });
});
