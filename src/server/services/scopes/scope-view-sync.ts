import 'server-only';
// The two halves of a scope membership change that run in the background (`backfill` work items):
//
// - copy: the explicit conclusions the session's peers hold about themselves from that session — what the scope
//   would have derived had it observed the session from the start — are copied into the scope's views, with their
//   message links and embeddings, each marked `copied_from` in its provenance so a repeated copy skips it;
// - remove: every conclusion of the scope's views that came from the session (copied or derived), then every
//   conclusion derived from those (their `source_ids`), transitively, is deleted; the scope's cards about the peers
//   concerned are rebuilt by a `card_refresh` dream.
//
// Both are no-ops when membership changed again before they ran (the later item does the right thing).
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { enqueueDream } from '../dreams/enqueue-dream';
import { newPublicId } from '../ids';
import { isScopeMember } from './scope-membership';

export async function copySessionIntoScope(tx: DbClient, scopePeerId: string, sessionId: string): Promise<number | null> {
  if (!(await isScopeMember(tx, scopePeerId, sessionId))) return null;
  const sources = await tx.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM conclusions c
    WHERE c.session_id = ${sessionId} AND c.level = 'explicit' AND c.observer_id = c.observed_id
      -- Skip what was copied before, and what a derivation that finished after the join already wrote to the scope.
      AND NOT EXISTS (SELECT 1 FROM conclusions k
                      WHERE k.observer_id = ${scopePeerId} AND k.observed_id = c.observed_id
                        AND (k.provenance->>'copied_from' = c.id
                             OR (k.session_id = c.session_id AND k.level = 'explicit'
                                 AND lower(btrim(k.content)) = lower(btrim(c.content)))))
    ORDER BY c.created_at, c.id`;
  if (sources.length > 0) {
    const pairs = Prisma.join(sources.map((s) => Prisma.sql`(${newPublicId()}, ${s.id})`));
    await tx.$executeRaw`
      INSERT INTO conclusions (id, workspace_id, observer_id, observed_id, session_id, level, origin, content, token_count,
                               source_ids, times_derived, provenance, message_created_at, created_at)
      SELECT v.new_id, c.workspace_id, ${scopePeerId}, c.observed_id, c.session_id, c.level, c.origin, c.content, c.token_count,
             c.source_ids, c.times_derived, c.provenance || jsonb_build_object('copied_from', c.id), c.message_created_at, c.created_at
      FROM conclusions c JOIN (VALUES ${pairs}) AS v (new_id, src_id) ON v.src_id = c.id`;
    await tx.$executeRaw`
      INSERT INTO conclusion_messages (workspace_id, conclusion_id, message_id)
      SELECT cm.workspace_id, v.new_id, cm.message_id
      FROM conclusion_messages cm JOIN (VALUES ${pairs}) AS v (new_id, src_id) ON v.src_id = cm.conclusion_id`;
    await tx.$executeRaw`
      INSERT INTO conclusion_embeddings (conclusion_id, workspace_id, model, embedding, signature, list_id)
      SELECT v.new_id, e.workspace_id, e.model, e.embedding, e.signature, e.list_id
      FROM conclusion_embeddings e JOIN (VALUES ${pairs}) AS v (new_id, src_id) ON v.src_id = e.conclusion_id`;
  }
  await tx.$executeRaw`
    UPDATE scope_backfills SET state = 'completed', docs_copied = ${sources.length}, updated_at = now()
    WHERE scope_peer_id = ${scopePeerId} AND session_id = ${sessionId}`;
  return sources.length;
}

export async function removeSessionFromScopeView(tx: DbClient, scopePeerId: string, sessionId: string): Promise<number | null> {
  if (await isScopeMember(tx, scopePeerId, sessionId)) return null;
  const removed = new Map<string, string>();
  let frontier = await tx.$queryRaw<{ id: string; observed_id: string }[]>`
    SELECT id, observed_id FROM conclusions WHERE observer_id = ${scopePeerId} AND session_id = ${sessionId}`;
  while (frontier.length > 0) {
    for (const row of frontier) removed.set(row.id, row.observed_id);
    frontier = await tx.$queryRaw<{ id: string; observed_id: string }[]>`
      SELECT id, observed_id FROM conclusions
      WHERE observer_id = ${scopePeerId}
        AND source_ids && ${frontier.map((row) => row.id)}::text[] AND NOT (id = ANY(${[...removed.keys()]}::text[]))`;
  }
  if (removed.size > 0) await tx.$executeRaw`DELETE FROM conclusions WHERE id = ANY(${[...removed.keys()]}::text[])`;
  const observed = [...new Set(removed.values())];
  if (observed.length > 0) {
    const peers = await tx.peer.findMany({ where: { id: { in: [scopePeerId, ...observed] } }, select: { id: true, name: true, workspaceId: true } });
    const scope = peers.find((peer) => peer.id === scopePeerId);
    const cards = await tx.peerCard.findMany({ where: { observerId: scopePeerId, observedId: { in: observed } }, select: { observedId: true } });
    for (const card of cards) {
      const target = peers.find((peer) => peer.id === card.observedId);
      if (!scope || !target) continue;
      await enqueueDream(tx, {
        workspaceId: scope.workspaceId,
        observer: { id: scope.id, name: scope.name },
        observed: { id: target.id, name: target.name },
        dreamType: 'card_refresh',
        session: null,
        rebuild: true,
      });
    }
  }
  await tx.$executeRaw`
    DELETE FROM scope_backfills WHERE scope_peer_id = ${scopePeerId} AND session_id = ${sessionId} AND state <> 'completed'`;
  return removed.size;
}

/** Marks the state of a membership change that gave up after its retries. */
export async function markScopeWorkFailed(tx: DbClient, scopePeerId: string, sessionId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE scope_backfills SET state = 'failed', updated_at = now() WHERE scope_peer_id = ${scopePeerId} AND session_id = ${sessionId}`;
}
