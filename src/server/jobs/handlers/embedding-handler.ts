import 'server-only';
// Job handler of `embedding` work items (docs/api.md#s3-8), unit `embed:<session>`: one item per message write,
// naming its messages in `payload.message_ids` (items written before that name one message in `message_id`). Each
// message is chunked to the embedder's input limit, embedded outside any transaction, and its chunk vectors are
// written in short transactions of about CHUNKS_PER_WRITE vectors, the last one together with the items' completion
// (fenced). A message deleted before or during the run completes with no output.
import { getVectorStorage } from '@/server/db/vector-storage';
import { embeddingChunks } from '@/server/services/search/embedding-chunks';
import { inGroupsOfChunks, storeMessageEmbeddings, type MessageVectors } from '@/server/services/search/store-message-embeddings';
import type { ClaimedItem, JobHandler } from '../job-types';

type MessageRow = { id: string; workspace_id: string; content: string };

/**
 * Chunk vectors written per transaction. On the embedded database a transaction holds its only backend, and one
 * transaction for a whole batch (8 writes of up to 100 messages; 20 messages of 25,000 CJK characters are about 260
 * chunks, each maintained in the HNSW index in WebAssembly) kept every request waiting for over a second
 * (e2e/request-limits.spec.ts). Writing a message's vectors replaces its earlier ones, so a run cut short between two
 * groups loses nothing: its retry writes them again.
 */
export const CHUNKS_PER_WRITE = 32;

export const embeddingHandler: JobHandler = {
  kind: 'embedding',
  // Items of message writes hold up to 100 messages each.
  maxBatch: 8,
  async run(items, ctx) {
    const { embedder } = ctx.engines;
    const storage = await getVectorStorage(ctx.db);
    if (embedder.dimensions !== storage.dimensions) {
      throw new Error(
        `${embedder.engine} produces ${embedder.dimensions}-dimensional vectors but this deployment stores ${storage.dimensions}; ` +
          'set EMBEDDING_DIMENSIONS to match, or run npm run reembed',
      );
    }
    const ids = [...new Set(items.flatMap(itemMessageIds))];
    const messages = ids.length
      ? await ctx.db.$queryRaw<MessageRow[]>`
          SELECT id, workspace_id, content FROM messages WHERE id = ANY(${ids}::text[])`
      : [];

    const pending = messages.map((m) => ({ message: m, chunks: embeddingChunks(m.content, embedder.maxInputTokens) }));
    const texts = pending.flatMap((p) => p.chunks.map((c) => c.text));
    const vectors = texts.length > 0 ? await embedder.embed(texts, ctx.signal) : [];
    if (vectors.length !== texts.length) throw new Error(`${embedder.engine} returned ${vectors.length} vectors for ${texts.length} texts`);

    let next = 0;
    const writes: MessageVectors[] = pending.map((p) => {
      const own = vectors.slice(next, next + p.chunks.length);
      next += p.chunks.length;
      return { messageId: p.message.id, workspaceId: p.message.workspace_id, chunks: p.chunks, vectors: own };
    });
    const groups = inGroupsOfChunks(writes, CHUNKS_PER_WRITE);
    for (const group of groups.slice(0, -1)) {
      ctx.signal.throwIfAborted();
      await ctx.db.$transaction((tx) => storeMessageEmbeddings(tx, storage, embedder.engine, group));
    }
    await ctx.db.$transaction(async (tx) => {
      await storeMessageEmbeddings(tx, storage, embedder.engine, groups.at(-1)!);
      await ctx.complete(tx, items);
    });
    ctx.log('messages embedded', { messages: writes.length, chunks: texts.length, engine: embedder.engine });
  },
};

function itemMessageIds(item: ClaimedItem): string[] {
  const listed = item.payload.message_ids;
  const ids = Array.isArray(listed) ? listed.filter((id): id is string => typeof id === 'string') : [];
  return item.messageId ? [item.messageId, ...ids] : ids;
}
