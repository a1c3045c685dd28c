import 'server-only';
// Removes messages together with what was derived only from them (docs/honcho-differences.md#deletion-and-export), inside the caller's transaction:
// - conclusions whose every source message is being deleted go (conclusions with remaining sources keep them);
// - summaries that covered a deleted message are marked stale, so reads withhold them until regenerated, and a
//   summary work item to regenerate them is recorded;
// - message embeddings and provenance links go with the rows (ON DELETE CASCADE).
// Ids travel as one array parameter (`= ANY($1::text[])`), never as an `IN (…)` list: PostgreSQL's wire protocol
// caps a statement at 32,767 parameters. Callers deleting an unbounded set pass `limit` and repeat in separate
// transactions (purge-session.ts, purge-peer.ts); a conclusion whose sources span two batches goes with the batch
// that removes its last source, because by then its links to the earlier batch are gone.
import type { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';

export type DeletedMessages = {
  /** Messages removed. */
  count: number;
  /** Conclusions removed because they lost their last source message. */
  conclusionIds: string[];
};

/** Deletes the workspace's messages matching `where` (SQL over alias `m`), at most `limit` of them when given. */
export async function deleteMessagesWithDerivedData(
  tx: DbClient,
  workspaceId: string,
  where: Prisma.Sql,
  options: { limit?: number } = {},
): Promise<DeletedMessages> {
  const doomed = options.limit === undefined
    ? await tx.$queryRaw<{ id: string }[]>`
        SELECT m.id FROM messages m WHERE m.workspace_id = ${workspaceId} AND (${where})`
    : await tx.$queryRaw<{ id: string }[]>`
        SELECT m.id FROM messages m WHERE m.workspace_id = ${workspaceId} AND (${where}) LIMIT ${options.limit}`;
  if (doomed.length === 0) return { count: 0, conclusionIds: [] };
  const ids = doomed.map((m) => m.id);

  const conclusions = await tx.$queryRaw<{ id: string }[]>`
    DELETE FROM conclusions c
    WHERE c.workspace_id = ${workspaceId}
      AND c.id IN (SELECT cm.conclusion_id FROM conclusion_messages cm WHERE cm.message_id = ANY(${ids}::text[]))
      AND NOT EXISTS (SELECT 1 FROM conclusion_messages cm
                      WHERE cm.conclusion_id = c.id AND NOT (cm.message_id = ANY(${ids}::text[])))
    RETURNING c.id`;

  // A rolling summary covers every message up to its last one. Each summary going stale gets a rebuild item in the
  // same transaction, so it is regenerated from the remaining messages (summary-handler.ts) even if the session
  // never reaches another summary interval.
  await tx.$executeRaw`
    WITH first_deleted AS (
      SELECT session_id, min(seq) AS seq FROM messages WHERE id = ANY(${ids}::text[]) GROUP BY session_id
    ), stale AS (
      UPDATE session_summaries s SET stale_at = now()
      FROM first_deleted f
      WHERE s.session_id = f.session_id AND s.last_seq >= f.seq AND s.stale_at IS NULL
      RETURNING s.workspace_id, s.session_id, s.kind, s.last_seq
    )
    INSERT INTO work_items (workspace_id, kind, unit_key, session_id, payload)
    SELECT workspace_id, 'summary'::work_kind, 'summary:' || session_id, session_id,
           jsonb_build_object('summary_type', kind::text, 'seq', last_seq, 'rebuild', true)
    FROM stale`;

  const count = await tx.$executeRaw`DELETE FROM messages WHERE workspace_id = ${workspaceId} AND id = ANY(${ids}::text[])`;
  return { count, conclusionIds: conclusions.map((c) => c.id) };
}
