// The per-unit queue state (work_units, kept by triggers on work_items) against the definition it replaces: the
// original poll, which grouped every pending item on every call, is kept here as the oracle. After every kind of
// change — enqueue, claim, settle (complete, retry, fail, release), lease recovery, delete — the state rows must equal
// a fresh aggregate over the items, and the new poll must return exactly the units the oracle returns. Plus fairness:
// a workspace with a big backlog does not keep another workspace's first unit waiting.
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { claimUnit } from '@/server/jobs/claim-unit';
import { findRunnableUnits, DERIVE_BATCH_TOKENS, type RunnableUnit } from '@/server/jobs/find-runnable-units';
import { settleClaim } from '@/server/jobs/settle-claim';
import { sweepWork } from '@/server/jobs/sweep-work';
import type { WorkKind } from '@/server/jobs/job-types';
import { insertMessages, uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';
import { addItems, db, itemsOf, seedQueueTenant } from './job-fixtures';

provideTestDatabase();
afterEach(async () => {
  await getDb().$executeRaw`DELETE FROM work_unit_claims`;
  await getDb().$executeRaw`DELETE FROM work_items`;
});

const ALL_KINDS: WorkKind[] = ['derivation', 'summary', 'dream', 'embedding', 'webhook', 'backfill'];

/** The poll as it was before work_units: correct by definition, but a scan of the whole backlog. */
async function oracle(kinds: readonly WorkKind[] = ALL_KINDS): Promise<string[]> {
  const rows = await getDb().$queryRaw<{ unit_key: string }[]>`
    SELECT w.unit_key
    FROM work_items w
    LEFT JOIN messages m ON w.kind = 'derivation' AND m.id = w.message_id
    WHERE w.status = 'pending' AND w.kind::text = ANY(${[...kinds]}::text[])
      AND NOT EXISTS (SELECT 1 FROM work_unit_claims c WHERE c.unit_key = w.unit_key AND c.lease_until >= now())
    GROUP BY w.unit_key, w.workspace_id, w.kind
    HAVING ((array_agg(w.available_at ORDER BY w.id))[1] <= now()
            OR (w.kind = 'derivation' AND (array_agg(w.started_at ORDER BY w.id))[1] IS NULL))
       AND (w.kind <> 'derivation' OR max(w.available_at) <= now() OR min(w.deadline_at) <= now()
            OR coalesce(sum(m.token_count), 0) >= ${DERIVE_BATCH_TOKENS})`;
  return rows.map((r) => r.unit_key).sort();
}

async function polled(kinds: readonly WorkKind[] = ALL_KINDS): Promise<string[]> {
  return (await findRunnableUnits(db(), { kinds, limit: 1_000 })).map((u) => u.unitKey).sort();
}

/** The state rows must equal a fresh aggregate over the pending items, one row per unit with pending items. */
async function expectStateConsistent(): Promise<void> {
  const fresh = await getDb().$queryRaw<Record<string, unknown>[]>`
    SELECT w.unit_key, w.workspace_id, w.kind::text AS kind,
           (array_agg(w.available_at ORDER BY w.id))[1] AS head_available_at,
           (array_agg(w.started_at ORDER BY w.id))[1] IS NOT NULL AS head_started,
           max(w.available_at) AS max_available_at, min(w.deadline_at) AS min_deadline_at
    FROM work_items w WHERE w.status = 'pending'
    GROUP BY w.unit_key, w.workspace_id, w.kind ORDER BY w.unit_key`;
  const state = await getDb().$queryRaw<Record<string, unknown>[]>`
    SELECT unit_key, workspace_id, kind::text AS kind, head_available_at, head_started, max_available_at, min_deadline_at
    FROM work_units ORDER BY unit_key`;
  expect(state).toEqual(fresh);
}

async function expectPollMatchesOracle(): Promise<void> {
  await expectStateConsistent();
  expect(await polled()).toEqual(await oracle());
  expect(await polled(['summary'])).toEqual(await oracle(['summary']));
}

describe('work_units: the per-unit queue state', () => {
  it('finds exactly the runnable units in every trigger case of docs/api.md#s5-2', async () => {
    const workspace = uniqueId('cases');
    const t = await seedQueueTenant(workspace, ['alice', 'bob', 'carol'], ['s1', 's2']);
    const key = (name: string) => `derive:${t.sessions.s1}:${name}`;
    const bigMessages = await insertMessages(workspace, 's1', [{ peer: 'alice', content: 'a'.repeat(700) }, { peer: 'alice', content: 'b'.repeat(700) }]);
    const smallMessages = await insertMessages(workspace, 's1', [{ peer: 'bob', content: 'short' }]);
    const derive = { kind: 'derivation' as const };
    // Debouncing: newest item not idle long enough, deadline far away.
    await addItems(t.workspaceId, 3, { ...derive, unitKey: key('debouncing'), availableInMs: 60_000, deadlineInMs: 120_000 });
    // Idle for the debounce.
    await addItems(t.workspaceId, 2, { ...derive, unitKey: key('idle'), availableInMs: -1_000, deadlineInMs: 60_000 });
    // Still receiving messages, but the oldest reached its maximum wait.
    await addItems(t.workspaceId, 2, { ...derive, unitKey: key('deadline'), availableInMs: 60_000, deadlineInMs: -1 });
    // A full batch of tokens while still debouncing.
    await addItems(t.workspaceId, 0, { ...derive, unitKey: key('full'), availableInMs: 60_000, deadlineInMs: 120_000, messageIds: bigMessages });
    await addItems(t.workspaceId, 0, { ...derive, unitKey: key('not-full'), availableInMs: 60_000, deadlineInMs: 120_000, messageIds: smallMessages });
    // Other kinds: due when the oldest item is.
    await addItems(t.workspaceId, 2, { kind: 'summary', unitKey: `summary:${t.sessions.s1}`, availableInMs: -10 });
    await addItems(t.workspaceId, 2, { kind: 'summary', unitKey: `summary:${t.sessions.s2}`, availableInMs: 60_000 });
    await addItems(t.workspaceId, 1, { kind: 'dream', unitKey: `dream:${t.peers.carol}`, availableInMs: 0 });
    await expectPollMatchesOracle();
    expect(await polled()).toEqual([key('deadline'), key('full'), key('idle'), `dream:${t.peers.carol}`, `summary:${t.sessions.s1}`].sort());

    // A derivation batch that failed is in backoff: its head item is started and not yet available again.
    const [idle] = (await findRunnableUnits(db(), { kinds: ['derivation'], limit: 10 })).filter((u) => u.unitKey === key('idle'));
    const claim = await claimUnit(db(), idle!, { owner: 'w/1', leaseMs: 10_000, maxBatch: 10 });
    expect(claim?.items).toHaveLength(2);
    await expectPollMatchesOracle();
    await addItems(t.workspaceId, 1, { ...derive, unitKey: key('idle'), availableInMs: -1_000, deadlineInMs: -1 });
    // Claimed: not runnable although its new item is due.
    await expectPollMatchesOracle();
    expect(await polled()).not.toContain(key('idle'));
    await settleClaim(db(), claim!, { reason: 'threw', error: new Error('provider down'), backoffBaseMs: 60_000 });
    await expectPollMatchesOracle();
    expect(await polled()).not.toContain(key('idle'));
    expect(await getDb().workUnit.findUnique({ where: { unitKey: key('idle') } })).toMatchObject({ headStarted: true });
  });

  it('stays consistent through complete, fail, release, lease recovery, retry from the console and deletes', async () => {
    const t = await seedQueueTenant(uniqueId('life'), ['alice'], ['s1', 's2', 's3']);
    const unit = (s: string): RunnableUnit => ({ unitKey: `summary:${t.sessions[s]}`, workspaceId: t.workspaceId, kind: 'summary' });
    await addItems(t.workspaceId, 3, { kind: 'summary', unitKey: unit('s1').unitKey });
    await addItems(t.workspaceId, 2, { kind: 'summary', unitKey: unit('s2').unitKey, maxAttempts: 1 });
    await addItems(t.workspaceId, 2, { kind: 'summary', unitKey: unit('s3').unitKey });
    await expectPollMatchesOracle();

    // Completed in part: the rest stays pending and due.
    const c1 = (await claimUnit(db(), unit('s1'), { owner: 'w/1', leaseMs: 10_000, maxBatch: 2 }))!;
    await expectPollMatchesOracle();
    await db().$transaction((tx) => tx.$executeRaw`
      UPDATE work_items SET status = 'completed', finished_at = now(), lease_owner = NULL WHERE id = ${c1.items[0]!.id}`);
    await settleClaim(db(), c1, { reason: 'returned', backoffBaseMs: 50 });
    await expectPollMatchesOracle();

    // Out of attempts: failed for good; the unit's state row goes away.
    const c2 = (await claimUnit(db(), unit('s2'), { owner: 'w/2', leaseMs: 10_000, maxBatch: 5 }))!;
    await settleClaim(db(), c2, { reason: 'threw', error: new Error('boom'), backoffBaseMs: 50 });
    expect((await itemsOf(unit('s2').unitKey)).map((i) => i.status)).toEqual(['failed', 'failed']);
    expect(await getDb().workUnit.findUnique({ where: { unitKey: unit('s2').unitKey } })).toBeNull();
    await expectPollMatchesOracle();

    // Retried from the console: pending again.
    await getDb().$executeRaw`UPDATE work_items SET status = 'pending', finished_at = NULL, attempts = 0 WHERE unit_key = ${unit('s2').unitKey}`;
    await expectPollMatchesOracle();
    expect(await polled()).toContain(unit('s2').unitKey);

    // A crashed worker: its lease expires and the sweeper puts the items back.
    const c3 = (await claimUnit(db(), unit('s3'), { owner: 'w/3', leaseMs: 10_000, maxBatch: 5 }))!;
    expect(c3.items).toHaveLength(2);
    expect(await getDb().workUnit.findUnique({ where: { unitKey: unit('s3').unitKey } })).toBeNull();
    await getDb().$executeRaw`UPDATE work_items SET lease_until = now() - interval '1 second' WHERE unit_key = ${unit('s3').unitKey}`;
    await getDb().$executeRaw`UPDATE work_unit_claims SET lease_until = now() - interval '1 second' WHERE unit_key = ${unit('s3').unitKey}`;
    await sweepWork(db(), { retention: { completedMs: 3_600_000, failedMs: 3_600_000 } });
    await expectPollMatchesOracle();
    expect(await polled()).toContain(unit('s3').unitKey);

    // Released by a stopping worker.
    const c4 = (await claimUnit(db(), unit('s3'), { owner: 'w/4', leaseMs: 10_000, maxBatch: 5 }))!;
    await settleClaim(db(), c4, { reason: 'stopped', backoffBaseMs: 50 });
    await expectPollMatchesOracle();

    // Deleted with their session (and so with their items).
    await getDb().$executeRaw`DELETE FROM work_items WHERE unit_key = ${unit('s1').unitKey}`;
    await expectPollMatchesOracle();
    expect(await getDb().workUnit.findUnique({ where: { unitKey: unit('s1').unitKey } })).toBeNull();
  });

  it('serves a workspace with one new unit before the rest of another workspace backlog', async () => {
    const big = await seedQueueTenant(uniqueId('import'), ['alice'], Array.from({ length: 12 }, (_, i) => `s${i}`));
    const small = await seedQueueTenant(uniqueId('chat'), ['bob'], ['s1']);
    for (const session of Object.values(big.sessions)) {
      await addItems(big.workspaceId, 3, { kind: 'summary', unitKey: `summary:${session}`, availableInMs: -60_000 });
    }
    // Enqueued last, due last, in a workspace that has never been served.
    await addItems(small.workspaceId, 1, { kind: 'summary', unitKey: `summary:${small.sessions.s1}` });
    const first = await findRunnableUnits(db(), { kinds: ['summary'], limit: 2 });
    expect(first.map((u) => u.workspaceId).sort()).toEqual([big.workspaceId, small.workspaceId].sort());

    // Taking turns: after a claim for the small workspace, the big one goes first, and vice versa.
    const claimedSmall = await claimUnit(db(), first.find((u) => u.workspaceId === small.workspaceId)!, { owner: 'w/1', leaseMs: 10_000, maxBatch: 5 });
    expect(claimedSmall).not.toBeNull();
    await addItems(small.workspaceId, 1, { kind: 'summary', unitKey: `summary:${small.sessions.s1}:more` });
    const next = await findRunnableUnits(db(), { kinds: ['summary'], limit: 1 });
    expect(next[0]!.workspaceId).toBe(big.workspaceId);
    await claimUnit(db(), next[0]!, { owner: 'w/2', leaseMs: 10_000, maxBatch: 5 });
    const after = await findRunnableUnits(db(), { kinds: ['summary'], limit: 1 });
    expect(after[0]!.workspaceId).toBe(small.workspaceId);
  });
});
