// Two workers on the same queue at once: a unit is never processed by both at the same time (an overlap detector in
// the handler would see it), every item is processed exactly once, and items of one unit run in order. On the real
// PostgreSQL lane the workers race for claims on separate connections; on PGlite their statements interleave on
// one backend, which still exercises the claim-row exclusion between two independent worker loops.
import { beforeAll, describe, expect, it } from 'vitest';
import type { JobHandler } from '@/server/jobs/job-types';
import { startWorker } from '@/server/jobs/start-worker';
import { getDb } from '@/server/db/client';
import { uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';
import { addItems, createEffectsTable, db, effectCounts, quiet, seedQueueTenant, sleep, writeEffects } from './job-fixtures';

provideTestDatabase();
beforeAll(createEffectsTable);

describe('two workers on one queue', () => {
  it('never run one unit twice at once, and process every item exactly once, in order', { timeout: 120_000 }, async () => {
    const t = await seedQueueTenant(uniqueId('pair'), ['alice'], ['s1', 's2', 's3', 's4', 's5', 's6']);
    const units = Object.values(t.sessions).map((session) => `summary:${session}`);
    const all: bigint[] = [];
    for (const unitKey of units) all.push(...(await addItems(t.workspaceId, 5, { kind: 'summary', unitKey })));

    const active = new Map<string, string>();
    const overlaps: string[] = [];
    const order = new Map<string, bigint[]>();
    const byWorker = new Map<string, number>();
    const handler: JobHandler = {
      kind: 'summary',
      maxBatch: 2,
      async run(items, ctx) {
        const unit = items[0]!.unitKey;
        const holder = active.get(unit);
        if (holder) overlaps.push(`${unit}: ${holder} and ${ctx.workerId}`);
        active.set(unit, ctx.workerId);
        try {
          order.set(unit, [...(order.get(unit) ?? []), ...items.map((i) => i.id)]);
          byWorker.set(ctx.workerId, (byWorker.get(ctx.workerId) ?? 0) + items.length);
          // Long enough for the other worker to poll and try for the same unit meanwhile.
          await sleep(40 + Math.floor(Math.random() * 40));
          await ctx.db.$transaction(async (tx) => {
            await writeEffects(tx, items, ctx.workerId);
            await ctx.complete(tx, items);
          });
        } finally {
          active.delete(unit);
        }
      },
    };

    const options = { db: db(), handlers: { summary: handler }, log: quiet, pollMs: 20, leaseMs: 10_000, concurrency: 3 };
    const a = startWorker({ ...options, workerId: 'worker-a' });
    const b = startWorker({ ...options, workerId: 'worker-b' });
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const open = await getDb().workItem.count({ where: { id: { in: all }, status: { not: 'completed' } } });
      if (open === 0) break;
      await sleep(100);
    }
    await Promise.all([a.stop(), b.stop()]);

    expect(overlaps).toEqual([]);
    const counts = await effectCounts('summary:');
    expect(all.map((id) => counts.get(id) ?? 0)).toEqual(all.map(() => 1));
    // Units are sequential within themselves: each unit's items were handed out oldest first.
    for (const unitKey of units) {
      const seen = order.get(unitKey)!;
      expect(seen).toEqual([...seen].sort((x, y) => (x < y ? -1 : 1)));
      expect(seen).toHaveLength(5);
    }
    // Both workers took part (each owns at most 3 units at a time, and there are 6).
    expect(byWorker.get('worker-a')).toBeGreaterThan(0);
    expect(byWorker.get('worker-b')).toBeGreaterThan(0);
    expect(a.totals().completed + b.totals().completed).toBe(all.length);
    expect(await getDb().workUnitClaim.count()).toBe(0);
  });
});
