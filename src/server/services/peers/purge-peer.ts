import 'server-only';
// Physical removal of a peer already marked deleted (delete-peer.ts), in bounded transactions, each idempotent so
// the sweeper (resume-purges.ts) can finish a purge a crash interrupted:
// 1. the messages it authored, PURGE_BATCH_SIZE at a time, with the conclusions derived only from them (summaries
//    covering them go stale);
// 2. the conclusions it holds or that are held about it, PURGE_BATCH_SIZE at a time;
// 3. its cards, views, memberships and the row itself.
// In 1 and 2, conclusions left with no premise (every `source_ids` entry gone) and no source message go in the same
// transaction as the premise that was their last, so the cleanup holds across batches and across a crash.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { deleteMessagesWithDerivedData } from '../messages/delete-with-derived-data';
import { PURGE_BATCH_SIZE, type PurgeDb } from '@/server/db/purge-db';
import { transactionLimits } from '@/server/db/transaction-limits';

/** Premise chains are short (explicit → deductive → inductive); the bound only guards against a cycle in bad data. */
const MAX_PREMISE_ROUNDS = 16;

export async function purgeDeletedPeer(db: PurgeDb, workspaceId: string, peerId: string): Promise<{ messages: number }> {
  const authored = Prisma.sql`m.peer_id = ${peerId}`;
  let messages = 0;
  for (;;) {
    const count = await db.$transaction(async (tx) => {
      const batch = await deleteMessagesWithDerivedData(tx, workspaceId, authored, { limit: PURGE_BATCH_SIZE });
      await deleteOrphanedDeductions(tx, workspaceId, batch.conclusionIds);
      return batch.count;
    }, transactionLimits('purgeBatch'));
    messages += count;
    if (count < PURGE_BATCH_SIZE) break;
  }
  for (;;) {
    const count = await db.$transaction(async (tx) => {
      const held = await tx.$queryRaw<{ id: string }[]>`
        DELETE FROM conclusions WHERE id IN (
          SELECT id FROM conclusions
          WHERE workspace_id = ${workspaceId} AND (observer_id = ${peerId} OR observed_id = ${peerId})
          LIMIT ${PURGE_BATCH_SIZE})
        RETURNING id`;
      await deleteOrphanedDeductions(tx, workspaceId, held.map((c) => c.id));
      return held.length;
    }, transactionLimits('purgeBatch'));
    if (count < PURGE_BATCH_SIZE) break;
  }
  await db.$transaction(async (tx) => {
    // The row lock waits for any message append that resolved the peer just before the mark; what such an append
    // stored is removed here, with its derived data, before the row goes (its cascade would skip that cleanup).
    const marked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM peers WHERE id = ${peerId} AND deleted_at IS NOT NULL FOR UPDATE`;
    if (marked.length === 0) return;
    const late = await deleteMessagesWithDerivedData(tx, workspaceId, authored);
    messages += late.count;
    await deleteOrphanedDeductions(tx, workspaceId, late.conclusionIds);
    await tx.$executeRaw`DELETE FROM peer_cards WHERE workspace_id = ${workspaceId} AND (observer_id = ${peerId} OR observed_id = ${peerId})`;
    await tx.$executeRaw`DELETE FROM peer_views WHERE workspace_id = ${workspaceId} AND (observer_id = ${peerId} OR observed_id = ${peerId})`;
    await tx.$executeRaw`DELETE FROM session_membership_periods WHERE workspace_id = ${workspaceId} AND peer_id = ${peerId}`;
    await tx.$executeRaw`DELETE FROM session_peers WHERE workspace_id = ${workspaceId} AND peer_id = ${peerId}`;
    await tx.$executeRaw`DELETE FROM peers WHERE id = ${peerId}`;
  }, transactionLimits('purgeMark'));
  return { messages };
}

/**
 * Conclusions citing a just-removed conclusion whose premises are now all gone and which have no source message
 * left. Removing them can orphan further deductions, so this repeats until nothing more goes.
 */
async function deleteOrphanedDeductions(tx: DbClient, workspaceId: string, removedIds: readonly string[]): Promise<void> {
  let removed = [...removedIds];
  for (let round = 0; round < MAX_PREMISE_ROUNDS && removed.length > 0; round += 1) {
    const orphaned = await tx.$queryRaw<{ id: string }[]>`
      DELETE FROM conclusions c
      WHERE c.workspace_id = ${workspaceId}
        AND c.source_ids && ${removed}::text[]
        AND NOT EXISTS (SELECT 1 FROM conclusions p WHERE p.id = ANY(c.source_ids))
        AND NOT EXISTS (SELECT 1 FROM conclusion_messages cm WHERE cm.conclusion_id = c.id)
      RETURNING c.id`;
    removed = orphaned.map((row) => row.id);
  }
}
