import 'server-only';
// Conclusions stored without an embedding (the embedder failed while POST …/conclusions was answering) are not lost
// to retrieval: the same transaction records an `embedding` work item naming them, and the embedding handler hands
// such items to `embedRecordedConclusions`, which embeds whatever of them still exists and completes the item.
import type { DbClient } from '@/server/db/client';
import { getVectorStorage } from '@/server/db/vector-storage';
import type { ClaimedItem, JobContext } from '@/server/jobs/job-types';
import { embeddingInput, storeConclusionEmbedding } from './conclusion-embeddings';

/** Work unit of a workspace's pending conclusion embeddings. */
export const conclusionEmbeddingUnit = (workspaceId: string) => `embed-conclusions:${workspaceId}`;

export async function recordConclusionEmbeddingWork(tx: DbClient, workspaceId: string, conclusionIds: readonly string[]): Promise<void> {
  if (conclusionIds.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO work_items (workspace_id, kind, unit_key, payload)
    VALUES (${workspaceId}, 'embedding'::work_kind, ${conclusionEmbeddingUnit(workspaceId)},
            ${JSON.stringify({ conclusion_ids: conclusionIds })}::jsonb)`;
}

/** The conclusion ids an embedding item asks for, or null when the item is about a message. */
export function recordedConclusionIds(item: ClaimedItem): string[] | null {
  const ids = item.payload.conclusion_ids;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : null;
}

/** Embeds the conclusions named by the items (skipping deleted ones) and completes the items, in one transaction. */
export async function embedRecordedConclusions(items: readonly ClaimedItem[], ctx: JobContext): Promise<void> {
  const wanted = [...new Set(items.flatMap((item) => recordedConclusionIds(item) ?? []))];
  const rows = wanted.length
    ? await ctx.db.$queryRaw<{ id: string; workspace_id: string; content: string }[]>`
        SELECT c.id, c.workspace_id, c.content FROM conclusions c
        WHERE c.id = ANY(${wanted}::text[])
          AND NOT EXISTS (SELECT 1 FROM conclusion_embeddings e WHERE e.conclusion_id = c.id)`
    : [];
  const { embedder } = ctx.engines;
  const vectors = rows.length
    ? await embedder.embed(rows.map((r) => embeddingInput(r.content, embedder.maxInputTokens)), ctx.signal)
    : [];
  await ctx.db.$transaction(async (tx) => {
    const storage = await getVectorStorage(tx);
    // A conclusion deleted while we embedded simply has nothing to attach to.
    const alive = new Set(
      (await tx.$queryRaw<{ id: string }[]>`SELECT id FROM conclusions WHERE id = ANY(${rows.map((r) => r.id)}::text[])`).map((r) => r.id),
    );
    for (const [i, row] of rows.entries()) {
      if (!alive.has(row.id)) continue;
      await storeConclusionEmbedding(tx, storage, row.workspace_id, row.id, { model: embedder.engine, values: vectors[i]! });
    }
    await ctx.complete(tx, items);
  });
}
