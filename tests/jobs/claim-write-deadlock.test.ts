// A claim and a message write in the same workspace must take their locks in the same order. A write's work_items
// INSERT locks each touched unit's work_units row (trigger), then inserts the workspace's work_workspace_turns row
// with ON CONFLICT DO NOTHING, which waits for any open transaction that updated that row. A claim stamps the
// workspace's turn and updates the unit's items (the same trigger locks the unit row). Stamping first deadlocked
// against a write that held the unit row: the soak on PostgreSQL 15 hit it within a minute (a 500 on POST …/messages).
// On the embedded database transactions run one at a time, so the same sequence simply queues.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { claimUnit } from '@/server/jobs/claim-unit';
import { uniqueId } from '../support/session-fixtures';
import { provideTestDatabase } from '../support/test-database';
import { addItems, db, seedQueueTenant, sleep } from './job-fixtures';

const database = provideTestDatabase();
let writer: pg.Client | undefined;
afterEach(async () => {
  await writer?.end().catch(() => {});
  writer = undefined;
});

/** Waits (bounded) until another backend waits on a lock: the claim is then stuck behind the writer's unit lock. */
async function untilSomeoneWaits(client: pg.Client): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    // Statistics are cached per transaction unless cleared.
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
    );
    if (Number(rows[0]!.n) > 0) return;
    await sleep(20);
  }
}

describe('a claim racing a message write in the same workspace', () => {
  it('neither deadlocks nor fails: the claim waits for the write and gets its items', { timeout: 60_000 }, async () => {
    const t = await seedQueueTenant(uniqueId('deadlock'), ['alice'], ['s1', 's2']);
    const unit = `summary:${t.sessions.s1}`;
    const committed = await addItems(t.workspaceId, 2, { kind: 'summary', unitKey: unit });

    writer = new pg.Client({ connectionString: database.current.url });
    await writer.connect();
    const insert = (unitKey: string) =>
      writer!.query(`INSERT INTO work_items (workspace_id, kind, status, unit_key) VALUES ($1, 'summary', 'pending', $2)`, [t.workspaceId, unitKey]);
    await writer.query('BEGIN');
    // The write's first statement locks the unit's state row until commit.
    await insert(unit);

    const claiming = claimUnit(db(), { unitKey: unit, workspaceId: t.workspaceId, kind: 'summary' }, { owner: 'deadlock-test/1', leaseMs: 30_000, maxBatch: 10 });
    await untilSomeoneWaits(writer);
    // The write goes on to another unit of the same workspace, which touches the workspace's turns row.
    await insert(`summary:${t.sessions.s2}`);
    await writer.query('COMMIT');

    const claim = await claiming;
    // The items committed before the claim are in the batch (on the embedded database, where the claim queued behind
    // the whole write, so is the write's own item for this unit); everything else is still pending.
    expect(claim!.items.map((i) => i.id)).toEqual(expect.arrayContaining(committed));
    const turn = await getDb().workWorkspaceTurn.findUniqueOrThrow({ where: { workspaceId: t.workspaceId } });
    expect(turn.lastServedAt).not.toBeNull();
    expect(await getDb().workItem.count({ where: { workspaceId: t.workspaceId, status: 'pending' } })).toBe(4 - claim!.items.length);
  });
});
