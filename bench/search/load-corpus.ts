// Loads planned sessions into the database at DATABASE_URL through the app's own write-path pieces — get-or-create of
// workspace, session and peers, joining the authors, the one message INSERT, chunk embeddings, conclusions with their
// embeddings — but without the HTTP round trip per 100 messages and without background work items: embeddings are
// computed here in bulk (once per distinct text; replays repeat texts) and written in large batches. Whatever the
// app stores at write time (generated tsvector, statistics its statements maintain) it stores here too, because
// these are its statements.
import { getDb } from '@/server/db/client';
import { getVectorStorage } from '@/server/db/vector-storage';
import { getModelEngines } from '@/server/models';
import { embeddingInput } from '@/server/services/conclusions/conclusion-embeddings';
import { writeConclusions, type ConclusionDraft } from '@/server/services/conclusions/write-conclusions';
import { newPublicId } from '@/server/services/ids';
import { countTokens } from '@/server/services/messages/count-tokens';
import { insertMessageRows } from '@/server/services/messages/insert-message-rows';
import { joinAuthors } from '@/server/services/messages/join-authors';
import { resolveWriteTarget } from '@/server/services/messages/resolve-write-target';
import { embeddingChunks, type EmbeddingChunk } from '@/server/services/search/embedding-chunks';
import { storeMessageEmbeddings, type MessageVectors } from '@/server/services/search/store-message-embeddings';
import type { PlannedSession } from './corpus-plan';

const EMBEDDING_BATCH = 1500;
const TX = { maxWait: 60_000, timeout: 600_000 } as const;

type Embedded = { tokens: number; chunks: EmbeddingChunk[]; vectors: number[][] };

/** Per-text results: LoCoMo has a few thousand distinct turns, replayed many times. */
class TextCache {
  private readonly done = new Map<string, Embedded>();
  private readonly conclusionVectors = new Map<string, number[]>();

  async messages(texts: readonly string[]): Promise<Embedded[]> {
    const { embedder } = getModelEngines();
    const missing = [...new Set(texts.filter((t) => !this.done.has(t)))];
    if (missing.length > 0) {
      const chunks = missing.map((t) => embeddingChunks(t, embedder.maxInputTokens));
      const vectors = await embedder.embed(chunks.flat().map((c) => c.text));
      let k = 0;
      missing.forEach((t, i) => this.done.set(t, { tokens: countTokens(t), chunks: chunks[i]!, vectors: vectors.slice(k, (k += chunks[i]!.length)) }));
    }
    return texts.map((t) => this.done.get(t)!);
  }

  async conclusions(texts: readonly string[]): Promise<number[][]> {
    const { embedder } = getModelEngines();
    const missing = [...new Set(texts.filter((t) => !this.conclusionVectors.has(t)))];
    if (missing.length > 0) {
      const vectors = await embedder.embed(missing.map((t) => embeddingInput(t, embedder.maxInputTokens)));
      missing.forEach((t, i) => this.conclusionVectors.set(t, vectors[i]!));
    }
    return texts.map((t) => this.conclusionVectors.get(t)!);
  }
}

export type LoadReport = { messages: number; conclusions: number; seconds: number };

/** Loads the sessions of one workspace with `concurrency` sessions in flight (1 on the embedded database). */
export async function loadWorkspace(
  workspace: string,
  sessions: Iterable<PlannedSession>,
  options: { concurrency: number; onProgress?: (messages: number) => void },
): Promise<LoadReport> {
  const db = getDb();
  const storage = await getVectorStorage(db);
  const { embedder } = getModelEngines();
  const cache = new TextCache();
  const started = performance.now();
  let messages = 0;
  let conclusions = 0;
  const iterator = sessions[Symbol.iterator]();

  const worker = async () => {
    let pending: MessageVectors[] = [];
    const flush = async () => {
      if (pending.length > 0) await storeMessageEmbeddings(db, storage, embedder.engine, pending);
      pending = [];
    };
    for (let next = iterator.next(); !next.done; next = iterator.next()) {
      const session = next.value;
      const target = await resolveWriteTarget(db, workspace, session.name, session.peers);
      const texts = await cache.messages(session.messages.map((m) => m.content));
      const rows = session.messages.map((m, i) => ({
        id: newPublicId(),
        peerId: target.peerIds.get(m.peer)!,
        seq: i + 1,
        content: m.content,
        tokenCount: texts[i]!.tokens,
        metadata: {},
        configuration: {},
        createdAt: m.createdAt,
      }));
      const eventVectors = await cache.conclusions(session.events.map((e) => e.text));
      const last = session.messages.at(-1)?.createdAt ?? null;
      const drafts: ConclusionDraft[] = session.events.map((e, i) => ({
        observerId: target.peerIds.get(e.peer)!,
        observedId: target.peerIds.get(e.peer)!,
        sessionId: target.sessionId,
        level: 'explicit',
        origin: 'deriver',
        content: e.text,
        messageCreatedAt: last,
        embedding: { model: embedder.engine, values: eventVectors[i]! },
      }));
      await db.$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE sessions SET last_seq = ${rows.length} WHERE id = ${target.sessionId}`;
        await joinAuthors(tx, target, [...target.peerIds.values()]);
        await insertMessageRows(tx, target, rows, []);
        if (drafts.length > 0) await writeConclusions(tx, target.workspaceId, drafts, { dedupe: false });
      }, TX);
      rows.forEach((r, i) => pending.push({ messageId: r.id, workspaceId: target.workspaceId, chunks: texts[i]!.chunks, vectors: texts[i]!.vectors }));
      if (pending.length >= EMBEDDING_BATCH) await flush();
      messages += rows.length;
      conclusions += drafts.length;
      options.onProgress?.(messages);
    }
    await flush();
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  await db.$executeRaw`
    INSERT INTO peer_cards (workspace_id, observer_id, observed_id, entries)
    SELECT p.workspace_id, p.id, p.id, ARRAY['Name: ' || p.name]
    FROM peers p JOIN workspaces w ON w.id = p.workspace_id
    WHERE w.name = ${workspace}
    ON CONFLICT DO NOTHING`;
  return { messages, conclusions, seconds: (performance.now() - started) / 1000 };
}
