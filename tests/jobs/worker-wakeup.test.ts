// How an idle worker notices work: the idle backoff (short after work, doubling to a cap, jittered), never sleeping
// past the earliest due unit (debounced batches and retries become due with nobody notifying), and on a real
// PostgreSQL server a NOTIFY sent at the enqueue's commit. Observed through poll and wake-up counters, with sleeps
// long enough (60 s) that only the mechanism under test can explain a prompt start.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { idleDelayMs } from '@/server/jobs/idle-delay';
import { startWorker, type WorkerHandle } from '@/server/jobs/start-worker';
import { uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';
import { addItems, createEffectsTable, db, effectHandler, itemsOf, quiet, seedQueueTenant, sleep } from './job-fixtures';

const database = provideTestDatabase();
beforeAll(createEffectsTable);
let worker: WorkerHandle | undefined;
afterEach(async () => {
  await worker?.stop({ graceMs: 0 });
  worker = undefined;
  await getDb().$executeRaw`DELETE FROM work_items`;
});

/** Test-side wait for a condition on the database (the worker itself is not driven by this loop). */
async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(25);
  }
  return false;
}

const completed = (unitKey: string) => async () => (await itemsOf(unitKey)).every((i) => i.status === 'completed');

describe('idle delay', () => {
  const half = () => 0.5;
  it('starts at the minimum after work, doubles per empty poll and stops at the cap', () => {
    const delays = Array.from({ length: 9 }, (_, idlePolls) => idleDelayMs({ idlePolls, minMs: 100, maxMs: 2_000, dueInMs: null, random: half }));
    expect(delays).toEqual([100, 100, 200, 400, 800, 1_600, 2_000, 2_000, 2_000]);
    // 50k idle polls cost nothing more than the cap each.
    expect(idleDelayMs({ idlePolls: 50_000, minMs: 100, maxMs: 2_000, dueInMs: null, random: half })).toBe(2_000);
  });

  it('jitters by ±20 % without exceeding the cap', () => {
    expect(idleDelayMs({ idlePolls: 3, minMs: 100, maxMs: 2_000, dueInMs: null, random: () => 0 })).toBe(320);
    expect(idleDelayMs({ idlePolls: 3, minMs: 100, maxMs: 2_000, dueInMs: null, random: () => 1 })).toBe(480);
    expect(idleDelayMs({ idlePolls: 9, minMs: 100, maxMs: 2_000, dueInMs: null, random: () => 1 })).toBe(2_000);
  });

  it('never sleeps past the earliest due unit', () => {
    expect(idleDelayMs({ idlePolls: 9, minMs: 100, maxMs: 2_000, dueInMs: 300, random: half })).toBe(305);
    expect(idleDelayMs({ idlePolls: 9, minMs: 100, maxMs: 2_000, dueInMs: -40, random: half })).toBe(5);
    expect(idleDelayMs({ idlePolls: 0, minMs: 100, maxMs: 2_000, dueInMs: 10_000, random: half })).toBe(100);
  });
});

describe('an idle worker', () => {
  it('wakes for a debounced unit when it becomes due, although its idle sleep is a minute', { timeout: 60_000 }, async () => {
    const t = await seedQueueTenant(uniqueId('due'), ['alice'], ['s1']);
    const unitKey = `summary:${t.sessions.s1}`;
    await addItems(t.workspaceId, 1, { kind: 'summary', unitKey, availableInMs: 1_500 });
    worker = startWorker({ db: db(), handlers: { summary: effectHandler('summary', 5) }, log: quiet, pollMs: 60_000, idleMinMs: 60_000, listenUrl: null, leaseMs: 10_000 });
    expect(await until(completed(unitKey), 30_000)).toBe(true);
    // One empty poll (not yet due), one at the due time that claims it; no busy polling in between.
    expect(worker.stats().polls).toBeLessThanOrEqual(3);
    expect(worker.stats()).toMatchObject({ notifications: 0, listener: 'off' });
  });

  it('starts new work on NOTIFY on a real server, and falls back to polling where notifications do not arrive', { timeout: 60_000 }, async () => {
    const t = await seedQueueTenant(uniqueId('notify'), ['alice'], ['s1']);
    const unitKey = `summary:${t.sessions.s1}`;
    worker = startWorker({ db: db(), handlers: { summary: effectHandler('summary', 5) }, log: quiet, pollMs: 60_000, idleMinMs: 60_000, leaseMs: 10_000 });
    const w = worker;
    expect(await until(async () => ['on', 'unavailable'].includes(w.stats().listener), 20_000)).toBe(true);
    if (database.current.kind === 'embedded') {
      // pglite-socket accepts LISTEN but delivers nothing across connections: the probe proves it, and the worker
      // knows to rely on polling.
      expect(w.stats().listener).toBe('unavailable');
      return;
    }
    expect(w.stats().listener).toBe('on');
    const pollsBefore = w.stats().polls;
    const enqueued = Date.now();
    await addItems(t.workspaceId, 1, { kind: 'summary', unitKey });
    expect(await until(completed(unitKey), 20_000)).toBe(true);
    // Far sooner than the minute-long idle sleep: the notification woke it.
    expect(Date.now() - enqueued).toBeLessThan(10_000);
    expect(w.stats().notifications).toBeGreaterThanOrEqual(1);
    expect(w.stats().polls - pollsBefore).toBeLessThanOrEqual(3);
  });
});
