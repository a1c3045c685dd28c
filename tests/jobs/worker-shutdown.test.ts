// Graceful shutdown (deploys, Ctrl-C): the worker stops claiming at once, running batches get a grace period to
// finish, and batches still running after it are aborted with their claims RELEASED — the items are pending again
// with their attempt count unchanged, and another worker can claim them immediately instead of waiting out the lease.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { claimUnit } from '@/server/jobs/claim-unit';
import { drainOnSignals } from '@/server/jobs/drain-on-signals';
import { findRunnableUnits } from '@/server/jobs/find-runnable-units';
import type { JobHandler } from '@/server/jobs/job-types';
import { startWorker } from '@/server/jobs/start-worker';
import { uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';
import { addItems, db, itemsOf, quiet, seedQueueTenant } from './job-fixtures';

provideTestDatabase();
// Every test starts its own worker on the shared queue: what one test leaves pending must not feed the next.
afterEach(async () => {
  await getDb().$executeRaw`DELETE FROM work_items`;
});

/** A handler that signals when it starts and then runs until `finish()` is called or it is aborted. */
function gatedHandler() {
  let started!: () => void;
  let finish!: () => void;
  const running = new Promise<void>((resolve) => (started = resolve));
  const gate = new Promise<void>((resolve) => (finish = resolve));
  const seen: string[] = [];
  const handler: JobHandler = {
    kind: 'summary',
    maxBatch: 5,
    async run(items, ctx) {
      seen.push(items[0]!.unitKey);
      started();
      const aborted = new Promise<'aborted'>((resolve) => ctx.signal.addEventListener('abort', () => resolve('aborted'), { once: true }));
      if ((await Promise.race([gate.then(() => 'done' as const), aborted])) === 'aborted') throw ctx.signal.reason;
      await ctx.db.$transaction((tx) => ctx.complete(tx, items));
    },
  };
  return { handler, running, finish, seen };
}

describe('stopping a worker', () => {
  it('lets a running batch finish within the grace period and claims nothing new meanwhile', { timeout: 60_000 }, async () => {
    const t = await seedQueueTenant(uniqueId('grace'), ['alice'], ['s1', 's2']);
    const first = `summary:${t.sessions.s1}`;
    const later = `summary:${t.sessions.s2}`;
    await addItems(t.workspaceId, 2, { kind: 'summary', unitKey: first });
    const gated = gatedHandler();
    const worker = startWorker({ db: db(), handlers: { summary: gated.handler }, log: quiet, pollMs: 20, leaseMs: 10_000, concurrency: 2 });
    await gated.running;
    const stopped = worker.stop({ graceMs: 30_000 });
    // Work that becomes runnable during the drain is left for the next worker.
    await addItems(t.workspaceId, 1, { kind: 'summary', unitKey: later });
    gated.finish();
    await stopped;
    expect((await itemsOf(first)).map((i) => [i.status, i.attempts])).toEqual([
      ['completed', 1],
      ['completed', 1],
    ]);
    expect((await itemsOf(later)).map((i) => [i.status, i.attempts])).toEqual([['pending', 0]]);
    expect(gated.seen).toEqual([first]);
    expect(worker.totals()).toMatchObject({ completed: 2, released: 0 });
  });

  it('aborts a batch that outlives the grace period and releases its claim for another worker at once', { timeout: 60_000 }, async () => {
    const t = await seedQueueTenant(uniqueId('release'), ['alice'], ['s1']);
    const unitKey = `summary:${t.sessions.s1}`;
    await addItems(t.workspaceId, 2, { kind: 'summary', unitKey });
    const gated = gatedHandler();
    // A lease far longer than the test: only an explicit release can make the unit claimable again in time.
    const worker = startWorker({ db: db(), handlers: { summary: gated.handler }, log: quiet, pollMs: 20, leaseMs: 600_000 });
    await gated.running;
    expect((await itemsOf(unitKey)).map((i) => [i.status, i.attempts])).toEqual([
      ['in_progress', 1],
      ['in_progress', 1],
    ]);
    await worker.stop({ graceMs: 50 });
    expect((await itemsOf(unitKey)).map((i) => [i.status, i.attempts, i.leaseOwner])).toEqual([
      ['pending', 0, null],
      ['pending', 0, null],
    ]);
    expect(await getDb().workUnitClaim.count({ where: { unitKey } })).toBe(0);
    expect(worker.totals()).toMatchObject({ completed: 0, released: 2 });

    const runnable = await findRunnableUnits(db(), { kinds: ['summary'], limit: 10 });
    const unit = runnable.find((u) => u.unitKey === unitKey);
    expect(unit).toBeDefined();
    const claim = await claimUnit(db(), unit!, { owner: 'next-worker/1', leaseMs: 10_000, maxBatch: 5 });
    expect(claim?.items.map((i) => i.attempts)).toEqual([1, 1]);
  });

  it('drains the worker on SIGTERM before handing the signal to the handlers that were there before', { timeout: 60_000 }, async () => {
    const t = await seedQueueTenant(uniqueId('signal'), ['alice'], ['s1']);
    const unitKey = `summary:${t.sessions.s1}`;
    await addItems(t.workspaceId, 1, { kind: 'summary', unitKey });
    const gated = gatedHandler();
    const worker = startWorker({ db: db(), handlers: { summary: gated.handler }, log: quiet, pollMs: 20, leaseMs: 10_000 });
    await gated.running;

    // Stands in for the process: Next's own handler (which would close the HTTP server and exit) is already attached.
    const target = Object.assign(new EventEmitter(), { pid: 0, kill: () => true });
    const order: string[] = [];
    let nextCleanup!: () => void;
    const cleanedUp = new Promise<void>((resolve) => (nextCleanup = resolve));
    target.on('SIGTERM', () => {
      order.push('next cleanup');
      nextCleanup();
    });
    let drains = 0;
    drainOnSignals(
      async () => {
        drains += 1;
        order.push('drain started');
        await worker.stop({ graceMs: 30_000 });
        order.push('worker drained');
      },
      { target: target as unknown as NodeJS.Process, signals: ['SIGTERM'] },
    );
    target.emit('SIGTERM', 'SIGTERM');
    target.emit('SIGTERM', 'SIGTERM');
    expect(order).toEqual(['drain started']);
    gated.finish();
    await cleanedUp;
    expect(order).toEqual(['drain started', 'worker drained', 'next cleanup']);
    expect(drains).toBe(1);
    expect((await itemsOf(unitKey)).map((i) => i.status)).toEqual(['completed']);
  });
});
