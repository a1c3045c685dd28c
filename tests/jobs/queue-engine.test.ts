// The queue engine against a real database: debounce and deadline, retries with backoff, permanent failures, partial
// batches, lease renewal and fencing, stop, and the sweeper. Handlers are small test handlers injected per call.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { claimUnit, type Claim } from '@/server/jobs/claim-unit';
import { completeClaimedItems } from '@/server/jobs/fenced-writes';
import { findRunnableUnits } from '@/server/jobs/find-runnable-units';
import { LeaseLostError, type ClaimedItem, type JobHandler } from '@/server/jobs/job-types';
import { LEASE_EXPIRED_ERROR } from '@/server/jobs/recover-expired-leases';
import { runWorkerOnce } from '@/server/jobs/run-worker-once';
import { settleClaim } from '@/server/jobs/settle-claim';
import { startWorker } from '@/server/jobs/start-worker';
import { sweepWork } from '@/server/jobs/sweep-work';
import { call } from '../support/app-fetch';
import { insertMessages, uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';
import { addItems, createEffectsTable, db, effectCounts, effectHandler, itemsOf, quiet, seedQueueTenant, sleep, writeEffects } from './job-fixtures';

provideTestDatabase();
beforeAll(createEffectsTable);
afterEach(async () => {
  // runWorkerOnce sees every workspace: leave nothing runnable behind for the next test.
  await getDb().$executeRaw`DELETE FROM work_items`;
  await getDb().$executeRaw`DELETE FROM work_unit_claims`;
});

const once = (handlers: Record<string, JobHandler>, extra: Partial<Parameters<typeof runWorkerOnce>[0]> = {}) =>
  runWorkerOnce({ db: db(), handlers, log: quiet, budgetMs: 20_000, backoffBaseMs: 100, leaseMs: 5_000, ...extra });

const PROVIDER_ERROR = 'openai:gpt-4o-mini: 429 Rate limit reached for requests (Too Many Requests)';

describe('derivation debounce and deadline', () => {
  it('waits until a burst has been idle for the debounce, then runs it as one batch', async () => {
    const t = await seedQueueTenant(uniqueId('deb'), ['alice'], ['s1']);
    const unitKey = `derive:${t.sessions.s1}:${t.peers.alice}`;
    const spec = { kind: 'derivation' as const, unitKey, sessionId: t.sessions.s1!, senderId: t.peers.alice!, observerIds: [t.peers.alice!], deadlineInMs: 60_000 };
    const batches: number[] = [];
    const handler = effectHandler('derivation', 50, { onBatch: (items) => batches.push(items.length) });

    const until = async (at: Date) => sleep(Math.max(0, at.getTime() - Date.now() + 30));
    const first = await addItems(t.workspaceId, 5, { ...spec, availableInMs: 1_500 });
    await sleep(1_000);
    // The burst goes on: the unit's newest item pushes the whole unit's start back.
    await addItems(t.workspaceId, 2, { ...spec, availableInMs: 1_500 });
    let items = await itemsOf(unitKey);
    await until(items.find((i) => i.id === first[4])!.availableAt);
    // The first five are past their own debounce, but the unit is not idle yet.
    expect(items[6]!.availableAt.getTime()).toBeGreaterThan(Date.now());
    expect((await once({ derivation: handler })).units).toBe(0);
    expect(batches).toEqual([]);

    items = await itemsOf(unitKey);
    await until(items[6]!.availableAt);
    const report = await once({ derivation: handler });
    expect(report).toMatchObject({ units: 1, completed: 7, failed: 0 });
    expect(batches).toEqual([7]);
    expect((await itemsOf(unitKey)).every((i) => i.status === 'completed' && i.attempts === 1 && i.finishedAt)).toBe(true);
  });

  it('runs a unit whose oldest item reached its deadline even while messages keep arriving', async () => {
    const t = await seedQueueTenant(uniqueId('dl'), ['alice', 'bob'], ['s1']);
    const forced = `derive:${t.sessions.s1}:${t.peers.alice}`;
    const waiting = `derive:${t.sessions.s1}:${t.peers.bob}`;
    // Both units: an old item past its debounce plus a message that has just arrived. Only alice's is past its deadline.
    await addItems(t.workspaceId, 3, { kind: 'derivation', unitKey: forced, availableInMs: -55_000, deadlineInMs: -1 });
    await addItems(t.workspaceId, 1, { kind: 'derivation', unitKey: forced, availableInMs: 5_000, deadlineInMs: 60_000 });
    await addItems(t.workspaceId, 3, { kind: 'derivation', unitKey: waiting, availableInMs: -1_000, deadlineInMs: 50_000 });
    await addItems(t.workspaceId, 1, { kind: 'derivation', unitKey: waiting, availableInMs: 5_000, deadlineInMs: 60_000 });
    const seen: string[] = [];
    const report = await once({ derivation: effectHandler('derivation', 50, { onBatch: (items) => seen.push(`${items[0]!.unitKey}:${items.length}`) }) });
    expect(report.units).toBe(1);
    // The batch takes the unit's pending items, the one still in its debounce window included.
    expect(seen).toEqual([`${forced}:4`]);
    expect((await itemsOf(waiting)).every((i) => i.status === 'pending' && i.attempts === 0)).toBe(true);
  });

  it('runs a unit at once when its pending messages already fill a batch', async () => {
    const workspace = uniqueId('full');
    const t = await seedQueueTenant(workspace, ['alice', 'bob'], ['s1']);
    // insertMessages stores token_count = length + 1: 2 × 600 tokens for alice, 2 × 100 for bob.
    const long = await insertMessages(workspace, 's1', [{ peer: 'alice', content: 'a'.repeat(599) }, { peer: 'alice', content: 'b'.repeat(599) }]);
    const short = await insertMessages(workspace, 's1', [{ peer: 'bob', content: 'c'.repeat(99) }, { peer: 'bob', content: 'd'.repeat(99) }]);
    const full = `derive:${t.sessions.s1}:${t.peers.alice}`;
    const partial = `derive:${t.sessions.s1}:${t.peers.bob}`;
    const burst = { kind: 'derivation' as const, availableInMs: 5_000, deadlineInMs: 60_000 };
    await addItems(t.workspaceId, 0, { ...burst, unitKey: full, messageIds: long });
    await addItems(t.workspaceId, 0, { ...burst, unitKey: partial, messageIds: short });
    const seen: string[] = [];
    const report = await once({ derivation: effectHandler('derivation', 50, { onBatch: (items) => seen.push(items[0]!.unitKey) }) });
    expect(report.units).toBe(1);
    expect(seen).toEqual([full]);
    expect((await itemsOf(partial)).map((i) => i.status)).toEqual(['pending', 'pending']);
  });

  it('takes at most maxBatch items per run, oldest first, and drains the rest in later batches', async () => {
    const t = await seedQueueTenant(uniqueId('batch'), ['alice'], ['s1']);
    const unitKey = `summary:${t.sessions.s1}`;
    const ids = await addItems(t.workspaceId, 5, { kind: 'summary', unitKey, sessionId: t.sessions.s1 });
    const batches: bigint[][] = [];
    const report = await once({ summary: effectHandler('summary', 2, { onBatch: (items) => batches.push(items.map((i) => i.id)) }) });
    expect(report).toMatchObject({ units: 3, completed: 5 });
    expect(batches).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4)]);
  });

  it('never claims kinds that have no handler', async () => {
    const t = await seedQueueTenant(uniqueId('nohandler'), ['alice'], ['s1']);
    await addItems(t.workspaceId, 2, { kind: 'backfill', unitKey: `backfill:${t.sessions.s1}` });
    const report = await once({ summary: effectHandler('summary', 5) });
    expect(report.units).toBe(0);
    expect((await itemsOf(`backfill:${t.sessions.s1}`)).map((i) => i.status)).toEqual(['pending', 'pending']);
  });
});

describe('failures and retries', () => {
  it('retries a throwing handler with exponential backoff, then marks the items failed with the error text', async () => {
    const workspace = uniqueId('retry');
    const t = await seedQueueTenant(workspace, ['alice'], ['s1']);
    const unitKey = `summary:${t.sessions.s1}`;
    await addItems(t.workspaceId, 2, { kind: 'summary', unitKey, sessionId: t.sessions.s1, maxAttempts: 3 });
    let runs = 0;
    const failing: JobHandler = {
      kind: 'summary',
      maxBatch: 10,
      async run() {
        runs += 1;
        throw new Error(PROVIDER_ERROR);
      },
    };

    const retryOnce = () => once({ summary: failing }, { backoffBaseMs: 1_500 });
    let before = Date.now();
    const first = await retryOnce();
    let after = Date.now();
    expect(first).toMatchObject({ units: 1, retried: 2, failed: 0 });
    let items = await itemsOf(unitKey);
    for (const item of items) {
      expect(item).toMatchObject({ status: 'pending', attempts: 1, lastError: PROVIDER_ERROR, leaseOwner: null, finishedAt: null });
      // base 1.5 s × 2^0, jittered ±25 %
      expect(item.availableAt.getTime()).toBeGreaterThanOrEqual(before + 1_125);
      expect(item.availableAt.getTime()).toBeLessThanOrEqual(after + 1_875);
    }
    // Still backing off: nothing to run.
    expect((await retryOnce()).units).toBe(0);

    await sleep(Math.max(...items.map((i) => i.availableAt.getTime())) - Date.now() + 20);
    before = Date.now();
    expect(await retryOnce()).toMatchObject({ units: 1, retried: 2 });
    after = Date.now();
    items = await itemsOf(unitKey);
    for (const item of items) {
      expect(item).toMatchObject({ status: 'pending', attempts: 2 });
      // The second delay doubles: 3 s ± 25 %.
      expect(item.availableAt.getTime()).toBeGreaterThanOrEqual(before + 2_250);
      expect(item.availableAt.getTime()).toBeLessThanOrEqual(after + 3_750);
    }

    await sleep(Math.max(...items.map((i) => i.availableAt.getTime())) - Date.now() + 20);
    expect(await retryOnce()).toMatchObject({ units: 1, failed: 2, retried: 0 });
    items = await itemsOf(unitKey);
    expect(items.every((i) => i.status === 'failed' && i.attempts === 3 && i.lastError === PROVIDER_ERROR && i.finishedAt)).toBe(true);
    expect(runs).toBe(3);
    // Failed for good: not retried again.
    await sleep(50);
    expect((await once({ summary: failing })).units).toBe(0);

    // Visible on the wire as failed work units, for the workspace and for the session (docs/honcho-differences.md#derivation-latency).
    const response = await call('GET', `/v3/workspaces/${workspace}/queue/status`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      total_work_units: 2, completed_work_units: 0, in_progress_work_units: 0, pending_work_units: 0, failed_work_units: 2,
      sessions: { s1: { session_id: 's1', total_work_units: 2, completed_work_units: 0, in_progress_work_units: 0, pending_work_units: 0, failed_work_units: 2 } },
    });
  });

  it('fails at once when the error says retrying cannot help', async () => {
    const t = await seedQueueTenant(uniqueId('perm'), ['alice'], ['s1']);
    const unitKey = `summary:${t.sessions.s1}`;
    await addItems(t.workspaceId, 1, { kind: 'summary', unitKey, maxAttempts: 5 });
    const report = await once({
      summary: {
        kind: 'summary',
        maxBatch: 1,
        run: async () => {
          throw Object.assign(new Error('anthropic:claude: 401 invalid x-api-key'), { retryable: false });
        },
      },
    });
    expect(report).toMatchObject({ failed: 1, retried: 0 });
    expect(await itemsOf(unitKey)).toMatchObject([{ status: 'failed', attempts: 1, lastError: 'anthropic:claude: 401 invalid x-api-key' }]);
  });

  it('lets a handler fail one item for good and complete the others, and a failed item never blocks later ones', async () => {
    const t = await seedQueueTenant(uniqueId('fail1'), ['alice'], ['s1']);
    const unitKey = `derive:${t.sessions.s1}:${t.peers.alice}`;
    const ids = await addItems(t.workspaceId, 3, { kind: 'derivation', unitKey, availableInMs: -10 });
    const handler: JobHandler = {
      kind: 'derivation',
      maxBatch: 10,
      async run(items, ctx) {
        await ctx.db.$transaction(async (tx) => {
          await ctx.fail(tx, items[1]!, 'Message m2 was deleted before derivation');
          await writeEffects(tx, [items[0]!, items[2]!], ctx.workerId);
          await ctx.complete(tx, [items[0]!, items[2]!]);
        });
      },
    };
    expect(await once({ derivation: handler })).toMatchObject({ units: 1, completed: 2, failed: 1 });
    const items = await itemsOf(unitKey);
    expect(items.map((i) => [i.id, i.status, i.lastError])).toEqual([
      [ids[0], 'completed', null],
      [ids[1], 'failed', 'Message m2 was deleted before derivation'],
      [ids[2], 'completed', null],
    ]);
    // A later message of the same unit runs normally.
    await addItems(t.workspaceId, 1, { kind: 'derivation', unitKey, availableInMs: -10 });
    expect(await once({ derivation: effectHandler('derivation', 10) })).toMatchObject({ units: 1, completed: 1 });
  });

  it('puts items a handler left alone back without spending an attempt, and delays a batch that made no progress', async () => {
    const t = await seedQueueTenant(uniqueId('partial'), ['alice'], ['s1']);
    const unitKey = `summary:${t.sessions.s1}`;
    const ids = await addItems(t.workspaceId, 3, { kind: 'summary', unitKey });
    const firstOnly: JobHandler = {
      kind: 'summary',
      maxBatch: 10,
      async run(items, ctx) {
        // e.g. a token budget: only the first item fits into this batch.
        if (items[0]!.id !== ids[0]) return;
        await ctx.db.$transaction(async (tx) => ctx.complete(tx, [items[0]!]));
      },
    };
    const report = await once({ summary: firstOnly }, { backoffBaseMs: 5_000 });
    // Second run: the handler skipped everything, so the unit waits a backoff step instead of spinning.
    expect(report).toMatchObject({ units: 2, completed: 1, released: 4 });
    const items = await itemsOf(unitKey);
    expect(items.map((i) => [i.status, i.attempts])).toEqual([['completed', 1], ['pending', 0], ['pending', 0]]);
    expect(items[1]!.availableAt.getTime()).toBeGreaterThan(Date.now() + 1_000);
  });

  it('refuses to complete items that are not part of the claim', async () => {
    const t = await seedQueueTenant(uniqueId('foreign'), ['alice'], ['s1', 's2']);
    await addItems(t.workspaceId, 1, { kind: 'summary', unitKey: `summary:${t.sessions.s1}` });
    const [otherId] = await addItems(t.workspaceId, 1, { kind: 'summary', unitKey: `summary:${t.sessions.s2}`, availableInMs: 60_000 });
    let thrown: unknown;
    await once({
      summary: {
        kind: 'summary',
        maxBatch: 1,
        async run(items, ctx) {
          const foreign = { ...items[0]!, id: otherId! } as ClaimedItem;
          thrown = await ctx.db.$transaction((tx) => ctx.complete(tx, [foreign])).catch((e: unknown) => e);
          throw thrown;
        },
      },
    });
    expect(String(thrown)).toMatch(/is not part of the claim/);
    expect((await itemsOf(`summary:${t.sessions.s2}`))[0]!.status).toBe('pending');
  });
});

describe('leases', () => {
  it('renews the lease while a handler runs longer than the lease itself', async () => {
    const t = await seedQueueTenant(uniqueId('renew'), ['alice'], ['s1']);
    const unitKey = `summary:${t.sessions.s1}`;
    await addItems(t.workspaceId, 2, { kind: 'summary', unitKey });
    let aborted = false;
    const slow: JobHandler = {
      kind: 'summary',
      maxBatch: 5,
      async run(items, ctx) {
        await sleep(4_500);
        aborted = ctx.signal.aborted;
        // Meanwhile the sweeper runs (as another worker's would): a renewed lease is not expired.
        await ctx.db.$transaction(async (tx) => {
          await writeEffects(tx, items, ctx.workerId);
          await ctx.complete(tx, items);
        });
      },
    };
    const run = once({ summary: slow }, { leaseMs: 2_000 });
    await sleep(3_000);
    expect((await sweepWork(db(), { retention: { completedMs: 1e9, failedMs: 1e9 } })).requeued).toBe(0);
    expect(await run).toMatchObject({ completed: 2, lost: 0 });
    expect(aborted).toBe(false);
  });

  it('fences complete(): a worker whose lease expired and was taken over writes nothing', async () => {
    const t = await seedQueueTenant(uniqueId('fence'), ['alice'], ['s1']);
    const unitKey = `summary:${t.sessions.s1}`;
    await addItems(t.workspaceId, 2, { kind: 'summary', unitKey });
    const [unit] = await findRunnableUnits(db(), { kinds: ['summary'], limit: 5 });
    const stale = await claimUnit(db(), unit!, { owner: 'worker-a/1', leaseMs: 300, maxBatch: 10 });
    expect(stale?.items).toHaveLength(2);
    // Worker A stalls past its lease; a new message arrives and worker B takes the unit over.
    await sleep(400);
    await addItems(t.workspaceId, 1, { kind: 'summary', unitKey });
    const [again] = await findRunnableUnits(db(), { kinds: ['summary'], limit: 5 });
    const fresh = await claimUnit(db(), again!, { owner: 'worker-b/1', leaseMs: 5_000, maxBatch: 10 });
    // B gets A's abandoned items back first (their attempt counted) and the new one.
    expect(fresh?.items.map((i) => i.attempts)).toEqual([2, 2, 1]);

    const attempt = getDb().$transaction(async (tx) => {
      await writeEffects(tx, stale!.items, 'worker-a');
      await completeClaimedItems(tx, stale!, stale!.items);
    });
    await expect(attempt).rejects.toBeInstanceOf(LeaseLostError);
    expect((await effectCounts(unitKey)).size).toBe(0);

    await getDb().$transaction(async (tx) => {
      await writeEffects(tx, fresh!.items, 'worker-b');
      await completeClaimedItems(tx, fresh!, fresh!.items);
    });
    expect([...(await effectCounts(unitKey)).values()]).toEqual([1, 1, 1]);
    expect((await itemsOf(unitKey)).every((i) => i.status === 'completed')).toBe(true);
  });

  it('aborts the handler and leaves the items alone when another worker takes its claim', async () => {
    const t = await seedQueueTenant(uniqueId('stolen'), ['alice'], ['s1']);
    const unitKey = `summary:${t.sessions.s1}`;
    await addItems(t.workspaceId, 1, { kind: 'summary', unitKey });
    let completeError: unknown;
    let reason: unknown;
    const handler: JobHandler = {
      kind: 'summary',
      maxBatch: 1,
      async run(items, ctx) {
        // Simulates a takeover after a stall: the claim row now names someone else.
        await getDb().$executeRaw`UPDATE work_unit_claims SET owner = 'thief/1' WHERE unit_key = ${unitKey}`;
        await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
        reason = ctx.signal.reason;
        completeError = await ctx.db.$transaction((tx) => ctx.complete(tx, items)).catch((e: unknown) => e);
      },
    };
    const report = await once({ summary: handler }, { leaseMs: 600 });
    expect(reason).toBeInstanceOf(LeaseLostError);
    expect(completeError).toBeInstanceOf(LeaseLostError);
    expect(report).toMatchObject({ lost: 1, completed: 0, released: 0 });
    expect((await itemsOf(unitKey))[0]).toMatchObject({ status: 'in_progress', attempts: 1 });
  });

  it('after a lost lease, releases the unit only while the claim row is still its own', async () => {
    const t = await seedQueueTenant(uniqueId('lost'), ['alice'], ['s1', 's2']);
    const claims = [];
    for (const session of ['s1', 's2']) {
      await addItems(t.workspaceId, 2, { kind: 'summary', unitKey: `summary:${t.sessions[session]}` });
      const [unit] = await findRunnableUnits(db(), { kinds: ['summary'], limit: 1 });
      claims.push((await claimUnit(db(), unit!, { owner: `stalled/${session}`, leaseMs: 5_000, maxBatch: 5 }))!);
    }
    const [ownStall, takenOver] = claims as [Claim, Claim];
    // Our own stall: the heartbeat gave up, but nobody took the unit; it goes back at once, attempt counted.
    await settleClaim(db(), ownStall, { reason: 'lost', backoffBaseMs: 100 });
    expect((await itemsOf(ownStall.unitKey)).map((i) => [i.status, i.attempts, i.leaseOwner])).toEqual([['pending', 1, null], ['pending', 1, null]]);
    expect(await getDb().workUnitClaim.count({ where: { unitKey: ownStall.unitKey } })).toBe(0);
    // A real takeover: the claim row is someone else's, so nothing of theirs is touched.
    await getDb().$executeRaw`UPDATE work_unit_claims SET owner = 'other/1' WHERE unit_key = ${takenOver.unitKey}`;
    await settleClaim(db(), takenOver, { reason: 'lost', backoffBaseMs: 100 });
    expect((await itemsOf(takenOver.unitKey)).map((i) => i.status)).toEqual(['in_progress', 'in_progress']);
    expect(await getDb().workUnitClaim.findUnique({ where: { unitKey: takenOver.unitKey } })).toMatchObject({ owner: 'other/1' });
  });

  it('stop() aborts running handlers and returns their items without spending an attempt', async () => {
    const t = await seedQueueTenant(uniqueId('stop'), ['alice'], ['s1']);
    const unitKey = `summary:${t.sessions.s1}`;
    await addItems(t.workspaceId, 2, { kind: 'summary', unitKey });
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const waiting: JobHandler = {
      kind: 'summary',
      maxBatch: 5,
      async run(_items, ctx) {
        started();
        await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true }));
        throw ctx.signal.reason;
      },
    };
    const worker = startWorker({ db: db(), handlers: { summary: waiting }, log: quiet, pollMs: 50, leaseMs: 5_000 });
    await running;
    expect((await itemsOf(unitKey)).every((i) => i.status === 'in_progress')).toBe(true);
    await worker.stop({ graceMs: 0 });
    expect((await itemsOf(unitKey)).map((i) => [i.status, i.attempts, i.lastError])).toEqual([
      ['pending', 0, null],
      ['pending', 0, null],
    ]);
    expect(await getDb().workUnitClaim.count({ where: { unitKey } })).toBe(0);
  });
});

describe('sweeper', () => {
  it('requeues items of crashed workers, fails those out of attempts, and drops stale claims', async () => {
    const t = await seedQueueTenant(uniqueId('sweep'), ['alice'], ['s1', 's2']);
    const a = `summary:${t.sessions.s1}`;
    const b = `summary:${t.sessions.s2}`;
    await addItems(t.workspaceId, 2, { kind: 'summary', unitKey: a });
    await addItems(t.workspaceId, 1, { kind: 'summary', unitKey: b, maxAttempts: 1 });
    for (const unitKey of [a, b]) {
      const [unit] = await findRunnableUnits(db(), { kinds: ['summary'], limit: 1, excludeUnitKeys: unitKey === a ? [b] : [a] });
      expect(await claimUnit(db(), unit!, { owner: `crashed/${unitKey}`, leaseMs: 1_500, maxBatch: 5 })).not.toBeNull();
    }
    // Live leases are left alone.
    expect(await sweepWork(db(), { retention: { completedMs: 1e9, failedMs: 1e9 } })).toMatchObject({ requeued: 0, failed: 0, claimsDropped: 0 });
    await sleep(1_600);
    expect(await sweepWork(db(), { retention: { completedMs: 1e9, failedMs: 1e9 } })).toMatchObject({ requeued: 2, failed: 1, claimsDropped: 2 });
    expect((await itemsOf(a)).map((i) => [i.status, i.attempts, i.leaseOwner])).toEqual([['pending', 1, null], ['pending', 1, null]]);
    expect(await itemsOf(b)).toMatchObject([{ status: 'failed', attempts: 1, lastError: LEASE_EXPIRED_ERROR }]);
    expect(await getDb().workUnitClaim.count()).toBe(0);
    // Sweeping again changes nothing.
    expect(await sweepWork(db(), { retention: { completedMs: 1e9, failedMs: 1e9 } })).toMatchObject({ requeued: 0, failed: 0, claimsDropped: 0, purged: 0 });
  });

  it('purges finished items past their retention and keeps everything else', async () => {
    const t = await seedQueueTenant(uniqueId('purge'), ['alice'], ['s1']);
    const hour = 3_600_000;
    const unitKey = `summary:${t.sessions.s1}`;
    const [oldDone] = await addItems(t.workspaceId, 1, { unitKey, status: 'completed', finishedAgoMs: 25 * hour });
    const [newDone] = await addItems(t.workspaceId, 1, { unitKey, status: 'completed', finishedAgoMs: 23 * hour });
    const [oldFailed] = await addItems(t.workspaceId, 1, { unitKey, status: 'failed', finishedAgoMs: 31 * 24 * hour });
    const [newFailed] = await addItems(t.workspaceId, 1, { unitKey, status: 'failed', finishedAgoMs: 29 * 24 * hour });
    const [pending] = await addItems(t.workspaceId, 1, { unitKey, availableInMs: 60_000 });
    const result = await sweepWork(db(), { retention: { completedMs: 24 * hour, failedMs: 30 * 24 * hour } });
    expect(result.purged).toBe(2);
    const left = (await itemsOf(unitKey)).map((i) => i.id);
    expect(left).toEqual([newDone, newFailed, pending]);
    expect(left).not.toContain(oldDone);
    expect(left).not.toContain(oldFailed);
  });

  it('runs extra sweep tasks and survives one that throws', async () => {
    const calls: string[] = [];
    const lines: string[] = [];
    await sweepWork(db(), {
      retention: { completedMs: 1e9, failedMs: 1e9 },
      log: (event, fields) => lines.push(`${event} ${JSON.stringify(fields)}`),
      tasks: [
        { name: 'broken', run: async () => { throw new Error('scheduler exploded'); } },
        { name: 'dreams', run: async (_db, now) => { calls.push(now.toISOString()); } },
      ],
    });
    expect(calls).toHaveLength(1);
    expect(lines.join('\n')).toMatch(/sweep task failed .*broken.*scheduler exploded/);
  });
});
