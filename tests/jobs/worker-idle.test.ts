// An idle worker waits for a change tens of thousands of times a day. Each wait must leave nothing behind: before the
// fix every timed-out wait wrapped the previous wake-up closure, so the first run to finish after ~10-20k idle polls
// unwound that chain and threw RangeError (maximum call stack size). Fake timers make 50k waits take seconds.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkerPool } from '@/server/jobs/worker-pool';
import { uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';
import { addItems, db, itemsOf, quiet, seedQueueTenant } from './job-fixtures';
import type { JobHandler } from '@/server/jobs/job-types';

provideTestDatabase();

afterEach(() => {
  vi.useRealTimers();
});

const completing: JobHandler = {
  kind: 'summary',
  maxBatch: 10,
  async run(items, ctx) {
    await ctx.db.$transaction((tx) => ctx.complete(tx, items));
  },
};

describe('an idle worker pool', () => {
  it('survives 50,000 idle waits, keeps no waiter behind, and still completes a run afterwards', { timeout: 60_000 }, async () => {
    const pool = new WorkerPool({ db: db(), handlers: { summary: completing }, log: quiet, concurrency: 2, leaseMs: 10_000, backoffBaseMs: 50 });
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      let most = 0;
      for (let i = 0; i < 50_000; i += 1) {
        const wait = pool.waitForChange(1_000);
        most = Math.max(most, pool.waiting);
        vi.advanceTimersByTime(1_000);
        await wait;
      }
      vi.useRealTimers();
      // Memory stays flat: only the caller waiting right now is remembered.
      expect(most).toBe(1);
      expect(pool.waiting).toBe(0);

      const t = await seedQueueTenant(uniqueId('idle'), ['alice'], ['s1']);
      const unitKey = `summary:${t.sessions.s1}`;
      await addItems(t.workspaceId, 2, { kind: 'summary', unitKey });
      expect(await pool.fill()).toBe(1);
      // The finished run wakes this waiter (well before the long timeout) instead of overflowing the stack.
      const woke = Date.now();
      await pool.waitForChange(30_000);
      expect(Date.now() - woke).toBeLessThan(20_000);
      await pool.drain();
      expect(pool.totals).toMatchObject({ units: 1, completed: 2, failed: 0 });
      expect((await itemsOf(unitKey)).map((i) => i.status)).toEqual(['completed', 'completed']);
      expect(pool.waiting).toBe(0);
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
      pool.stop();
      await pool.drain();
    }
  });

  it('wakes every concurrent waiter on stop and forgets them all', async () => {
    const pool = new WorkerPool({ db: db(), handlers: { summary: completing }, log: quiet, concurrency: 1, leaseMs: 10_000, backoffBaseMs: 50 });
    const waits = [pool.waitForChange(60_000), pool.waitForChange(60_000), pool.waitForChange(60_000)];
    expect(pool.waiting).toBe(3);
    pool.stop();
    await Promise.all(waits);
    expect(pool.waiting).toBe(0);
  });
});
