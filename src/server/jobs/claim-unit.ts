import 'server-only';
import { transactionLimits } from '@/server/db/transaction-limits';
// Takes exclusive ownership of one work unit and marks its next batch in progress, in one short transaction.
//
// The claim row is the mutual exclusion: `INSERT … ON CONFLICT (unit_key) DO UPDATE … WHERE lease_until < now()`
// either creates our row or replaces an expired one, and returns nothing when another worker holds a live lease. On
// a real server two concurrent upserts of one key serialise on the unique index, and the loser re-checks the WHERE
// against the winner's committed row. Advisory locks are not used because they are not exclusive on pglite-socket.
//
// `SKIP LOCKED` on the item rows only avoids waiting behind a transaction that is deleting them (a session or message
// delete); on pglite-socket it cannot skip, but there is never a second open transaction there to wait for.
import { Prisma } from '@/generated/prisma/client';
import type { ClaimedItem, WorkKind } from './job-types';
import type { WorkerDb } from './engine-options';
import { recoverExpiredLeases } from './recover-expired-leases';
import type { RunnableUnit } from './find-runnable-units';

export type Claim = {
  unitKey: string;
  workspaceId: string;
  kind: WorkKind;
  /** Lease owner of the claim row and of every claimed item: `<workerId>/<claim number>`. */
  owner: string;
  leaseMs: number;
  items: ClaimedItem[];
};

type ItemRow = Omit<ClaimedItem, 'payload' | 'observerIds'> & { payload: unknown; observerIds: string[] | null };

export async function claimUnit(
  db: WorkerDb,
  unit: RunnableUnit,
  options: { owner: string; leaseMs: number; maxBatch: number },
): Promise<Claim | null> {
  const { owner, leaseMs } = options;
  const lease = Prisma.sql`now() + ${leaseMs} * interval '1 millisecond'`;
  // Derivation batches take the unit's pending items whatever their debounce (the unit as a whole is due); other
  // kinds take only items that are due themselves.
  const due = unit.kind === 'derivation' ? Prisma.empty : Prisma.sql`AND available_at <= now()`;
  const rows = await db.$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<{ unit_key: string }[]>`
      INSERT INTO work_unit_claims (unit_key, workspace_id, owner, claimed_at, lease_until)
      VALUES (${unit.unitKey}, ${unit.workspaceId}, ${owner}, now(), ${lease})
      ON CONFLICT (unit_key) DO UPDATE
        SET workspace_id = EXCLUDED.workspace_id, owner = EXCLUDED.owner,
            claimed_at = EXCLUDED.claimed_at, lease_until = EXCLUDED.lease_until
        WHERE work_unit_claims.lease_until < now()
      RETURNING unit_key`;
    if (claimed.length === 0) return [];
    // A previous owner of this unit died with items in progress: they go first, as the oldest pending items.
    await recoverExpiredLeases(tx, unit.unitKey);
    const items = await tx.$queryRaw<ItemRow[]>`
      UPDATE work_items w
      SET status = 'in_progress', lease_owner = ${owner}, lease_until = ${lease}, started_at = now(),
          attempts = w.attempts + 1
      WHERE w.id IN (
        SELECT id FROM work_items
        WHERE unit_key = ${unit.unitKey} AND status = 'pending' AND kind = ${unit.kind}::work_kind ${due}
        ORDER BY id
        LIMIT ${options.maxBatch}
        FOR UPDATE SKIP LOCKED)
      RETURNING w.id, w.workspace_id AS "workspaceId", w.kind::text AS kind, w.unit_key AS "unitKey",
                w.session_id AS "sessionId", w.message_id AS "messageId", w.sender_id AS "senderId",
                w.observer_ids AS "observerIds", w.payload, w.attempts, w.max_attempts AS "maxAttempts",
                w.created_at AS "createdAt"`;
    // Nothing left to do after all (the items were deleted or taken meanwhile): give the unit back at once.
    if (items.length === 0) {
      await tx.$executeRaw`DELETE FROM work_unit_claims WHERE unit_key = ${unit.unitKey} AND owner = ${owner}`;
      return items;
    }
    // The workspace's turn is used: other workspaces with due work come first in the next polls (fairness). Stamped
    // last, after the item UPDATE whose trigger locks the unit's work_units row: a message write locks that row
    // first and then inserts the workspace's turns row (ON CONFLICT DO NOTHING, which waits for a transaction that
    // has the row updated). Stamping first took the two locks in the opposite order and deadlocked (docs/queue.md).
    await tx.$executeRaw`
      INSERT INTO work_workspace_turns (workspace_id, last_served_at) VALUES (${unit.workspaceId}, now())
      ON CONFLICT (workspace_id) DO UPDATE SET last_served_at = EXCLUDED.last_served_at`;
    return items;
  }, transactionLimits('claim'));
  if (rows.length === 0) return null;
  const items = rows
    .map((row) => ({
      ...row,
      id: BigInt(row.id),
      observerIds: row.observerIds ?? [],
      payload: isObject(row.payload) ? row.payload : {},
    }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { unitKey: unit.unitKey, workspaceId: unit.workspaceId, kind: unit.kind, owner, leaseMs, items };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
