import 'server-only';
// Writes the chunk embeddings of messages in either storage mode (vector(n) or real[], docs/honcho-differences.md#database-portability), with their binary
// signatures and, in a workspace that has inverted-file lists, the list of each one's nearest centroid
// (docs/vector-search.md), replacing any earlier ones, inside the caller's transaction. A message deleted meanwhile gets nothing: rows are inserted only while the
// message still exists.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { embeddingValue, signatureValue } from '@/server/db/vector-storage';
import type { VectorStorage } from '@/server/db/vector-setup';
import { newInternalId } from '../ids';
import type { EmbeddingChunk } from './embedding-chunks';
import { listIdsFor } from './vector-list-assignment';

export type MessageVectors = { messageId: string; workspaceId: string; chunks: readonly EmbeddingChunk[]; vectors: readonly number[][] };

export async function storeMessageEmbeddings(tx: DbClient, storage: VectorStorage, model: string, items: readonly MessageVectors[]): Promise<void> {
  if (items.length === 0) return;
  await tx.$executeRaw`DELETE FROM message_embeddings WHERE message_id = ANY(${items.map((i) => i.messageId)}::text[])`;
  const listIds = new Map<MessageVectors, (number | null)[]>();
  for (const workspaceId of new Set(items.map((i) => i.workspaceId))) {
    const group = items.filter((i) => i.workspaceId === workspaceId);
    const ids = await listIdsFor(tx, storage, workspaceId, 'messages', group.flatMap((i) => i.chunks.map((_, k) => i.vectors[k]!)));
    let k = 0;
    for (const item of group) listIds.set(item, item.chunks.map(() => ids[k++]!));
  }
  const rows = items.flatMap((item) =>
    item.chunks.map((chunk, index) =>
      Prisma.sql`(${newInternalId()}::text, ${item.workspaceId}::text, ${item.messageId}::text, ${index}::int, ${chunk.start}::int,
        ${chunk.end}::int, ${model}::text, ${embeddingValue(storage, item.vectors[index]!)}, ${signatureValue(storage, item.vectors[index]!)},
        ${listIds.get(item)![index]}::int)`,
    ),
  );
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO message_embeddings (id, workspace_id, message_id, chunk_index, char_start, char_end, model, embedding, signature, list_id)
    SELECT v.id, v.workspace_id, v.message_id, v.chunk_index, v.char_start, v.char_end, v.model, v.embedding, v.signature, v.list_id
    FROM (VALUES ${Prisma.join(rows)}) AS v (id, workspace_id, message_id, chunk_index, char_start, char_end, model, embedding, signature, list_id)
    WHERE EXISTS (SELECT 1 FROM messages m WHERE m.id = v.message_id)`;
}

/**
 * The messages' vectors in consecutive groups of about `chunks` chunk vectors each (a message's chunks stay together,
 * since a write replaces all of a message's vectors); at least one group, possibly empty.
 */
export function inGroupsOfChunks(items: readonly MessageVectors[], chunks: number): MessageVectors[][] {
  const groups: MessageVectors[][] = [[]];
  let size = 0;
  for (const item of items) {
    if (size > 0 && size + item.chunks.length > chunks) {
      groups.push([]);
      size = 0;
    }
    groups.at(-1)!.push(item);
    size += item.chunks.length;
  }
  return groups;
}

