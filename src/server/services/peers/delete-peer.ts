import 'server-only';
// DELETE …/peers/{peer} (docs/api.md#s3-15, docs/honcho-differences.md#deletion-and-export). One short transaction marks the peer deleted and renames it out of
// the way, so it vanishes from every read at once and its id is free for reuse as soon as the 202 is sent. Then,
// in bounded transactions before the response (purge-peer.ts): every message it authored (with what was derived only
// from them), every conclusion it holds or that is held about it, conclusions whose premises were all removed, its
// cards, views and memberships; summaries covering removed messages become stale. A crash midway leaves a marked
// peer that the sweeper finishes.
import { getDb } from '@/server/db/client';
import { transactionLimits } from '@/server/db/transaction-limits';
import { NotFoundError } from '../errors';
import { tombstoneName } from '../tombstone-name';
import { findWorkspace } from '../workspaces/ensure-workspace';
import { purgeDeletedPeer } from './purge-peer';

export async function deletePeer(workspaceName: string, peerName: string): Promise<void> {
  const db = getDb();
  const workspace = await findWorkspace(db, workspaceName);
  if (!workspace) throw new NotFoundError(`Workspace ${workspaceName} not found`);

  const peerId = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM peers
      WHERE workspace_id = ${workspace.id} AND name = ${peerName} AND kind = 'peer' AND deleted_at IS NULL
      FOR UPDATE`;
    const id = locked[0]?.id;
    if (!id) throw new NotFoundError(`Peer ${peerName} not found`);
    await tx.$executeRaw`UPDATE peers SET deleted_at = now(), name = ${tombstoneName(peerName, id)} WHERE id = ${id}`;
    return id;
  }, transactionLimits('purgeMark'));
  await purgeDeletedPeer(db, workspace.id, peerId);
}
