// The cron entry point GET /api/worker/tick (Vercel Cron) and the `queue.empty` webhook event the engine records when
// a derivation or summary unit drains (docs/api.md#s5-7).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/server/db/client';
import { readWorkerConfig } from '@/server/config/worker-config';
import { cronAuthorized } from '@/server/jobs/cron-tick';
import { startInProcessWorker, stopInProcessWorker } from '@/server/jobs/in-process-worker';
import { jobHandlers } from '@/server/jobs/job-handlers';
import { runWorkerOnce } from '@/server/jobs/run-worker-once';
import { newPublicId } from '@/server/services/ids';
import { call } from '../support/app-fetch';
import { uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';
import { addItems, createEffectsTable, db, effectCounts, effectHandler, itemsOf, quiet, seedQueueTenant } from './job-fixtures';

// connection() only opts the handler out of prerendering; outside a Next request it has nothing to do.
vi.mock('next/server', () => ({ connection: async () => undefined }));

provideTestDatabase();
const previousBackfill = jobHandlers.backfill;
beforeAll(async () => {
  await createEffectsTable();
  // The tick runs the real registry; a test handler for a kind no test here produces otherwise shows it ran.
  jobHandlers.backfill = effectHandler('backfill', 10);
  process.env.WORKER_TICK_BUDGET_MS = '20000';
});
afterAll(() => {
  jobHandlers.backfill = previousBackfill;
  delete process.env.CRON_SECRET;
  delete process.env.WEBHOOK_SECRET;
});
afterEach(() => {
  delete process.env.CRON_SECRET;
});

describe('GET /api/worker/tick', () => {
  it('requires Authorization: Bearer $CRON_SECRET when the secret is set', async () => {
    process.env.CRON_SECRET = 'cron-secret-for-tests';
    const t = await seedQueueTenant(uniqueId('tick'), ['alice'], ['s1']);
    const unitKey = `backfill:${t.sessions.s1}`;
    await addItems(t.workspaceId, 3, { kind: 'backfill', unitKey });

    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong' }, { authorization: 'Basic cron-secret-for-tests' }, { authorization: 'Bearer' }]) {
      const response = await call('GET', '/api/worker/tick', undefined, headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ detail: 'Missing or wrong CRON_SECRET bearer token' });
    }
    // Refused calls did no work.
    expect((await itemsOf(unitKey)).every((i) => i.status === 'pending' && i.attempts === 0)).toBe(true);

    const response = await call('GET', '/api/worker/tick', undefined, { authorization: 'Bearer cron-secret-for-tests' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const report = await response.json();
    expect(report).toMatchObject({ units: 1, completed: 3, failed: 0, budgetExhausted: false });
    expect(report.sweep).toMatchObject({ requeued: 0, failed: 0 });
    expect([...(await effectCounts(unitKey)).values()]).toEqual([1, 1, 1]);
  });

  it('runs without a credential when no CRON_SECRET is configured outside production', async () => {
    const t = await seedQueueTenant(uniqueId('tick-open'), ['alice'], ['s1']);
    await addItems(t.workspaceId, 1, { kind: 'backfill', unitKey: `backfill:${t.sessions.s1}` });
    const response = await call('GET', '/api/worker/tick');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ completed: 1 });
  });

  it('refuses every caller under NODE_ENV=production until CRON_SECRET is set', async () => {
    const t = await seedQueueTenant(uniqueId('tick-prod'), ['alice'], ['s1']);
    const unitKey = `backfill:${t.sessions.s1}`;
    await addItems(t.workspaceId, 1, { kind: 'backfill', unitKey });
    vi.stubEnv('NODE_ENV', 'production');
    try {
      for (const headers of [{} as Record<string, string>, { authorization: 'Bearer anything' }]) {
        const response = await call('GET', '/api/worker/tick', undefined, headers);
        expect(response.status).toBe(403);
        expect((await response.json()).detail).toMatch(/set CRON_SECRET/);
      }
      expect((await itemsOf(unitKey)).every((i) => i.status === 'pending' && i.attempts === 0)).toBe(true);
      process.env.CRON_SECRET = 'production-cron-secret';
      expect((await call('GET', '/api/worker/tick', undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
      const response = await call('GET', '/api/worker/tick', undefined, { authorization: 'Bearer production-cron-secret' });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ completed: 1 });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('compares the bearer token exactly', () => {
    expect(cronAuthorized('Bearer s3cret', 's3cret')).toBe(true);
    expect(cronAuthorized('bearer  s3cret ', 's3cret')).toBe(true);
    expect(cronAuthorized('Bearer s3cret2', 's3cret')).toBe(false);
    expect(cronAuthorized('Bearer S3CRET', 's3cret')).toBe(false);
    expect(cronAuthorized(null, 's3cret')).toBe(false);
    expect(cronAuthorized(null, null)).toBe(true);
  });
});

describe('queue.empty webhook events', () => {
  it('records one event when a derivation unit drains, and one when a summary unit drains', async () => {
    process.env.WEBHOOK_SECRET = 'webhook-secret';
    const workspace = uniqueId('drain');
    const t = await seedQueueTenant(workspace, ['alice'], ['s1']);
    const endpointId = newPublicId();
    await getDb().webhookEndpoint.create({ data: { id: endpointId, workspaceId: t.workspaceId, url: 'https://example.com/hook' } });
    const derive = `derive:${t.sessions.s1}:${t.peers.alice}`;
    await addItems(t.workspaceId, 3, { kind: 'derivation', unitKey: derive, sessionId: t.sessions.s1, senderId: t.peers.alice, availableInMs: -10 });
    await addItems(t.workspaceId, 1, { kind: 'summary', unitKey: `summary:${t.sessions.s1}`, sessionId: t.sessions.s1 });

    // Two derivation batches (maxBatch 2): only the second leaves the unit empty.
    const report = await runWorkerOnce({
      db: db(),
      handlers: { derivation: effectHandler('derivation', 2), summary: effectHandler('summary', 5) },
      log: quiet,
    });
    expect(report).toMatchObject({ units: 3, completed: 4 });

    const deliveries = await getDb().webhookDelivery.findMany({ where: { workspaceId: t.workspaceId }, orderBy: { createdAt: 'asc' } });
    const events = deliveries.map((d) => JSON.parse(d.body) as { type: string; data: Record<string, unknown> });
    expect(events.map((e) => e.type)).toEqual(['queue.empty', 'queue.empty']);
    expect(events.map((e) => e.data)).toEqual(
      expect.arrayContaining([
        { workspace_id: workspace, queue_type: 'representation', session_id: 's1', observer: null, observed: 'alice' },
        { workspace_id: workspace, queue_type: 'summary', session_id: 's1', observer: null, observed: null },
      ]),
    );
    // Each delivery is its own webhook work item, left for the webhook handler.
    expect(await getDb().workItem.count({ where: { workspaceId: t.workspaceId, kind: 'webhook', status: 'pending' } })).toBe(2);
  });

  it('records nothing for a unit that processed nothing or still has work', async () => {
    process.env.WEBHOOK_SECRET = 'webhook-secret';
    const t = await seedQueueTenant(uniqueId('nodrain'), ['alice'], ['s1']);
    await getDb().webhookEndpoint.create({ data: { id: newPublicId(), workspaceId: t.workspaceId, url: 'https://example.com/hook' } });
    const unitKey = `summary:${t.sessions.s1}`;
    await addItems(t.workspaceId, 1, { kind: 'summary', unitKey });
    // A later item of the unit is not due yet, so the unit does not drain.
    await addItems(t.workspaceId, 1, { kind: 'summary', unitKey, availableInMs: 60_000 });
    await runWorkerOnce({ db: db(), handlers: { summary: effectHandler('summary', 1) }, log: quiet });
    // A failing run settles nothing as completed.
    const other = `summary:${t.sessions.s1}:b`;
    await addItems(t.workspaceId, 1, { kind: 'summary', unitKey: other, maxAttempts: 1 });
    await runWorkerOnce({ db: db(), handlers: { summary: { kind: 'summary', maxBatch: 1, run: async () => { throw new Error('boom'); } } }, log: quiet });
    expect(await getDb().webhookDelivery.count({ where: { workspaceId: t.workspaceId } })).toBe(0);
  });
});

describe('worker settings and the in-process worker', () => {
  it('runs in process by default, not on Vercel unless asked, and refuses bad values by name', () => {
    expect(readWorkerConfig({})).toMatchObject({ inProcess: true, concurrency: 4, leaseMs: 60_000, cronSecret: null });
    expect(readWorkerConfig({ VERCEL: '1' }).inProcess).toBe(false);
    expect(readWorkerConfig({ VERCEL: '1', WORKER_IN_PROCESS: 'true' }).inProcess).toBe(true);
    expect(readWorkerConfig({ WORKER_IN_PROCESS: 'off' }).inProcess).toBe(false);
    expect(readWorkerConfig({ WORK_RETENTION_COMPLETED_HOURS: '2', WORK_RETENTION_FAILED_DAYS: '1' }).retention).toEqual({ completedMs: 7_200_000, failedMs: 86_400_000 });
    expect(() => readWorkerConfig({ WORKER_IN_PROCESS: 'maybe' })).toThrow(/WORKER_IN_PROCESS/);
    expect(() => readWorkerConfig({ WORKER_CONCURRENCY: '0' })).toThrow(/WORKER_CONCURRENCY/);
  });

  it('starts once per process however often instrumentation registers, and not when switched off', async () => {
    process.env.WORKER_IN_PROCESS = 'false';
    expect(startInProcessWorker()).toBeNull();
    process.env.WORKER_IN_PROCESS = 'true';
    try {
      const first = startInProcessWorker();
      expect(first).not.toBeNull();
      expect(startInProcessWorker()).toBe(first);
      await stopInProcessWorker();
      const again = startInProcessWorker();
      expect(again?.workerId).not.toBe(first?.workerId);
    } finally {
      await stopInProcessWorker();
      delete process.env.WORKER_IN_PROCESS;
    }
  });
});
