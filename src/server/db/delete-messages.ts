import 'server-only';
// Removes messages together with what was derived only from them (contract Δ4), inside the caller's transaction:
// - conclusions whose every source message is being deleted go (conclusions with remaining sources keep them);
// - summaries that covered a deleted message are marked stale, so reads withhold them until regenerated, and a
//   summary work item to regenerate them is recorded;
// - message embeddings and provenance links go with the rows (ON DELETE CASCADE).
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from './client';

/** Deletes the workspace's messages matching `where` (SQL over alias `m`); returns how many were removed. */
export async function deleteMessagesWithDerivedData(tx: DbClient, workspaceId: string, where: Prisma.Sql): Promise<number> {
  const doomed = await tx.$queryRaw<{ id: string; session_id: string; seq: number }[]>`
    SELECT m.id, m.session_id, m.seq FROM messages m WHERE m.workspace_id = ${workspaceId} AND (${where})`;
  if (doomed.length === 0) return 0;
  const ids = doomed.map((m) => m.id);

  await tx.$executeRaw`
    DELETE FROM conclusions c
    WHERE c.workspace_id = ${workspaceId}
      AND EXISTS (SELECT 1 FROM conclusion_messages cm WHERE cm.conclusion_id = c.id AND cm.message_id IN (${Prisma.join(ids)}))
      AND NOT EXISTS (SELECT 1 FROM conclusion_messages cm WHERE cm.conclusion_id = c.id AND cm.message_id NOT IN (${Prisma.join(ids)}))`;

  const firstSeqBySession = new Map<string, number>();
  for (const m of doomed) firstSeqBySession.set(m.session_id, Math.min(m.seq, firstSeqBySession.get(m.session_id) ?? m.seq));
  for (const [sessionId, firstSeq] of firstSeqBySession) {
    // A rolling summary covers every message up to its last one. Each summary going stale gets a rebuild item in
    // the same transaction, so it is regenerated from the remaining messages (summary-handler.ts) even if the session
    // never reaches another summary interval.
    await tx.$executeRaw`
      WITH stale AS (
        UPDATE session_summaries SET stale_at = now()
        WHERE session_id = ${sessionId} AND last_seq >= ${firstSeq} AND stale_at IS NULL
        RETURNING workspace_id, session_id, kind, last_seq
      )
      INSERT INTO work_items (workspace_id, kind, unit_key, session_id, payload)
      SELECT workspace_id, 'summary'::work_kind, 'summary:' || session_id, session_id,
             jsonb_build_object('summary_type', kind::text, 'seq', last_seq, 'rebuild', true)
      FROM stale`;
  }

  await tx.$executeRaw`DELETE FROM messages WHERE workspace_id = ${workspaceId} AND id IN (${Prisma.join(ids)})`;
  return ids.length;
}
