import 'server-only';
// DELETE …/peers/{peer} (api-contract §3.15, Δ4): in one transaction, remove the peer's memberships, every message it
// authored (with what was derived only from them), every conclusion it holds or that is held about it, conclusions
// whose premises were all removed, and the cards it holds or that are held about it; summaries covering removed
// messages become stale. The peer row goes last, so its id is free for reuse as soon as the 202 is sent.
import { Prisma } from '@/generated/prisma/client';
import { getDb, type DbClient } from '@/server/db/client';
import { deleteMessagesWithDerivedData } from '@/server/db/delete-messages';
import { NotFoundError } from '../errors';
import { findWorkspace } from '../workspaces/ensure-workspace';

/** Premise chains are short (explicit → deductive → inductive); the bound only guards against a cycle in bad data. */
const MAX_PREMISE_ROUNDS = 16;

export async function deletePeer(workspaceName: string, peerName: string): Promise<void> {
  const db = getDb();
  const workspace = await findWorkspace(db, workspaceName);
  if (!workspace) throw new NotFoundError(`Workspace ${workspaceName} not found`);

  await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM peers
      WHERE workspace_id = ${workspace.id} AND name = ${peerName} AND kind = 'peer' AND deleted_at IS NULL
      FOR UPDATE`;
    const peerId = locked[0]?.id;
    if (!peerId) throw new NotFoundError(`Peer ${peerName} not found`);

    const removed = await deleteAuthoredMessages(tx, workspace.id, peerId);
    const held = await tx.$queryRaw<{ id: string }[]>`
      DELETE FROM conclusions
      WHERE workspace_id = ${workspace.id} AND (observer_id = ${peerId} OR observed_id = ${peerId})
      RETURNING id`;
    for (const row of held) removed.add(row.id);
    await deleteOrphanedDeductions(tx, workspace.id, removed);

    await tx.$executeRaw`DELETE FROM peer_cards WHERE workspace_id = ${workspace.id} AND (observer_id = ${peerId} OR observed_id = ${peerId})`;
    await tx.$executeRaw`DELETE FROM peer_views WHERE workspace_id = ${workspace.id} AND (observer_id = ${peerId} OR observed_id = ${peerId})`;
    await tx.$executeRaw`DELETE FROM session_membership_periods WHERE workspace_id = ${workspace.id} AND peer_id = ${peerId}`;
    await tx.$executeRaw`DELETE FROM session_peers WHERE workspace_id = ${workspace.id} AND peer_id = ${peerId}`;
    await tx.$executeRaw`DELETE FROM peers WHERE id = ${peerId}`;
  });
}

/**
 * Deletes the peer's messages through the shared helper and returns the ids of the conclusions that went with them
 * (those whose every source message was the peer's), found by comparing before and after.
 */
async function deleteAuthoredMessages(tx: DbClient, workspaceId: string, peerId: string): Promise<Set<string>> {
  const candidates = await tx.$queryRaw<{ id: string }[]>`
    SELECT DISTINCT cm.conclusion_id AS id
    FROM conclusion_messages cm JOIN messages m ON m.id = cm.message_id
    WHERE m.workspace_id = ${workspaceId} AND m.peer_id = ${peerId}`;
  await deleteMessagesWithDerivedData(tx, workspaceId, Prisma.sql`m.peer_id = ${peerId}`);
  const removed = new Set(candidates.map((c) => c.id));
  if (removed.size > 0) {
    const survivors = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM conclusions WHERE id IN (${Prisma.join([...removed])})`;
    for (const s of survivors) removed.delete(s.id);
  }
  return removed;
}

/**
 * Conclusions derived only from removed data: every premise (source_ids) was removed and no source message remains.
 * Removing them can orphan further deductions, so this repeats until nothing more goes.
 */
async function deleteOrphanedDeductions(tx: DbClient, workspaceId: string, removed: Set<string>): Promise<void> {
  for (let round = 0; round < MAX_PREMISE_ROUNDS && removed.size > 0; round += 1) {
    const orphaned = await tx.$queryRaw<{ id: string }[]>`
      DELETE FROM conclusions c
      WHERE c.workspace_id = ${workspaceId}
        AND cardinality(c.source_ids) > 0
        AND c.source_ids <@ ${[...removed]}::text[]
        AND NOT EXISTS (SELECT 1 FROM conclusion_messages cm WHERE cm.conclusion_id = c.id)
      RETURNING c.id`;
    if (orphaned.length === 0) return;
    for (const row of orphaned) removed.add(row.id);
  }
}
