// The embedding job handler (one item per message, chunked to the embedder's input limit, nothing for deleted
// messages) and `npm run reembed`'s core: resumable re-embedding and rebuilding the vector columns for a new
// dimension. Hybrid search ranks the same on pgvector and on the real[] fallback (docs/honcho-differences.md#database-portability).
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '@/generated/prisma/client';
import { getDb } from '@/server/db/client';
import { getVectorStorage } from '@/server/db/vector-storage';
import { createModelEngines, setModelEnginesForTesting, type Embedder } from '@/server/models';
import { embeddingChunks } from '@/server/services/search/embedding-chunks';
import { rebuildVectorColumns, reembedAll } from '@/server/services/search/reembed-all';
import { searchMessageRows } from '@/server/services/search/search-message-rows';
import { countTokens } from '@/server/services/messages/count-tokens';
import { uniqueId } from '../support/http-assertions';
import { createTestDatabase, provideTestDatabase, TEST_EMBEDDING_DIMENSIONS, type TestDatabase } from '../support/test-database';
import { addMessages, drainEmbeddings, insertConclusions } from './retrieval-fixtures';

process.env.AUTH_DISABLED = 'true';
const database = provideTestDatabase();

/** Deterministic vectors from character codes, recording every text it was asked to embed. */
function recordingEmbedder(dimensions: number, engine = 'test:chars'): Embedder & { seen: string[] } {
  const seen: string[] = [];
  return {
    engine, dimensions, maxInputTokens: 16, seen,
    async embed(texts) {
      seen.push(...texts);
      return texts.map((t) => Array.from({ length: dimensions }, (_, i) => 0.1 + ((t.charCodeAt(i % t.length) * (i + 1)) % 17)));
    },
  };
}

describe('embedding chunks', () => {
  it('splits long text within the token limit, losslessly and with character ranges', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} talks about gardens.`).join(' ');
    const chunks = embeddingChunks(text, 16);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.every((c) => countTokens(c.text) <= 16)).toBe(true);
    expect(chunks.map((c) => text.slice(c.start, c.end))).toEqual(chunks.map((c) => c.text));
    expect(embeddingChunks('   ', 16)).toEqual([]);
  });
});

describe('embedding handler', () => {
  let embedder: ReturnType<typeof recordingEmbedder>;
  beforeAll(() => {
    embedder = recordingEmbedder(TEST_EMBEDDING_DIMENSIONS);
    setModelEnginesForTesting({ ...createModelEngines(), embedder });
  });
  afterAll(() => setModelEnginesForTesting(null));

  it('writes one row per chunk, and nothing for a message deleted before the run', async () => {
    const ws = uniqueId('emb');
    const long = Array.from({ length: 20 }, (_, i) => `Part ${i} of a long story about the sea.`).join(' ');
    const [short, chunked, doomed] = await addMessages(ws, 's1', [
      { peer_id: 'alice', content: 'short one' },
      { peer_id: 'alice', content: long },
      { peer_id: 'alice', content: 'to be deleted' },
    ]);
    await getDb().message.delete({ where: { id: doomed! } });
    await drainEmbeddings();
    const rows = await getDb().messageEmbedding.findMany({ where: { workspace: { name: ws } }, orderBy: [{ messageId: 'asc' }, { chunkIndex: 'asc' }] });
    expect(rows.filter((r) => r.messageId === short)).toHaveLength(1);
    const parts = rows.filter((r) => r.messageId === chunked);
    expect(parts.length).toBe(embeddingChunks(long, 16).length);
    expect(parts.map((p) => p.chunkIndex)).toEqual(parts.map((_, i) => i));
    expect(rows.every((r) => r.model === 'test:chars' && r.messageId !== doomed)).toBe(true);
    expect(embedder.seen).not.toContain('to be deleted');
    const items = await getDb().workItem.findMany({ where: { workspace: { name: ws }, kind: 'embedding' } });
    // One item for the write, naming its three messages; the deleted one is skipped, not failed.
    expect(items.map((i) => [i.status, i.payload])).toEqual([['completed', { message_ids: [short, chunked, doomed] }]]);
  });
});

describe('reembed', () => {
  it('re-embeds every message and conclusion, and resumes after the checkpoint', async () => {
    const ws = uniqueId('re');
    await addMessages(ws, 's1', Array.from({ length: 7 }, (_, i) => ({ peer_id: 'alice', content: `message ${i}` })));
    await insertConclusions(ws, [{ observer: 'alice', observed: 'alice', content: 'alice writes messages' }]);
    const db = getDb();
    const storage = await getVectorStorage(db);
    const embedder = recordingEmbedder(TEST_EMBEDDING_DIMENSIONS, 'test:re');
    const lines: string[] = [];
    const first = await reembedAll(db, storage, embedder, { batchSize: 3, log: (l) => lines.push(l) });
    const messages = await db.message.count();
    const conclusions = await db.conclusion.count();
    expect(first).toEqual({ messages, conclusions, resumed: false });
    expect(lines.at(-1)).toBe(`conclusions: ${conclusions}/${conclusions} (100.0 %)`);
    expect(await db.messageEmbedding.count({ where: { model: { not: 'test:re' } } })).toBe(0);
    expect(await db.conclusionEmbedding.count({ where: { model: 'test:re' } })).toBe(conclusions);
    expect(await db.deploymentSetting.findUnique({ where: { key: 'reembed_progress' } })).toBeNull();

    // An interrupted run left a checkpoint in the middle of the messages: only the rest is embedded again.
    const ids = (await db.message.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((m) => m.id);
    await db.deploymentSetting.create({
      data: { key: 'reembed_progress', value: { engine: 'test:re', dimensions: TEST_EMBEDDING_DIMENSIONS, phase: 'messages', after: ids[ids.length - 3]! } },
    });
    const resumed = recordingEmbedder(TEST_EMBEDDING_DIMENSIONS, 'test:re');
    const second = await reembedAll(db, storage, resumed, { batchSize: 50, log: () => {} });
    expect(second).toEqual({ messages: 2, conclusions, resumed: true });
  });

  it('rebuilds the vector columns for a new dimension', async () => {
    const side = await createTestDatabase({ forceEmbedded: true });
    const client = new pg.Client({ connectionString: side.url });
    await client.connect();
    try {
      const storage = await rebuildVectorColumns(client, 16, 'auto', () => {});
      expect(storage).toMatchObject({ dimensions: 16, mode: 'pgvector' });
      const { rows } = await client.query(`SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute
        WHERE attrelid = 'message_embeddings'::regclass AND attname = 'embedding'`);
      expect(rows[0].t).toBe('vector(16)');
    } finally {
      await client.end();
      await side.close();
    }
  });
});

describe('hybrid search: pgvector and fallback agree (docs/honcho-differences.md#database-portability)', () => {
  let other: TestDatabase;
  let otherDb: PrismaClient;
  beforeAll(async () => {
    other = await createTestDatabase({ vectorPreference: 'fallback' });
    otherDb = new PrismaClient({ adapter: new PrismaPg({ connectionString: other.url, max: 4 }) });
  });
  afterAll(async () => {
    await otherDb?.$disconnect();
    await other?.close();
  });

  it('returns the same top-k for the same corpus and queries', async () => {
    expect((await getVectorStorage(otherDb)).mode).toBe('fallback');
    // On the embedded lane the file's own database stores vector(n); on CI's server lane both sides are real[].
    expect(database.current.prepared?.vector.mode).toBe(database.current.kind === 'embedded' ? 'pgvector' : 'fallback');
    const embedder = recordingEmbedder(TEST_EMBEDDING_DIMENSIONS, 'test:agree');
    const corpus = Array.from({ length: 40 }, (_, i) => `note ${i}: ${['garden', 'river', 'cello', 'bakery'][i % 4]} ${i % 7 === 0 ? 'Lisbon' : 'Porto'} ${i * 13}`);
    const results: string[][][] = [];
    for (const db of [getDb(), otherDb]) {
      const ws = await db.workspace.create({ data: { id: uniqueId('agree-id'), name: uniqueId('agree') } });
      await db.peer.create({ data: { id: `${ws.id}-p`, workspaceId: ws.id, name: 'alice' } });
      await db.session.create({ data: { id: `${ws.id}-s`, workspaceId: ws.id, name: 's1' } });
      const storage = await getVectorStorage(db);
      for (const [i, content] of corpus.entries()) {
        await db.message.create({ data: { id: `m${String(i).padStart(2, '0')}-${ws.id}`, workspaceId: ws.id, sessionId: `${ws.id}-s`, peerId: `${ws.id}-p`, seq: i + 1, content, tokenCount: 5, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)) } });
      }
      const { storeMessageEmbeddings } = await import('@/server/services/search/store-message-embeddings');
      const rows = await db.message.findMany({ where: { workspaceId: ws.id } });
      const vectors = await embedder.embed(rows.map((r) => r.content));
      await storeMessageEmbeddings(db, storage, embedder.engine, rows.map((r, i) => ({ messageId: r.id, workspaceId: ws.id, chunks: [{ text: r.content, start: 0, end: r.content.length }], vectors: [vectors[i]!] })));
      const perQuery: string[][] = [];
      for (const query of ['garden Lisbon', 'cello 26', 'bakery', 'nothing matches this']) {
        const hits = await searchMessageRows(db, { workspaceId: ws.id }, query, 8, { embedder });
        perQuery.push(hits.map((h) => h.id.split('-')[0]!));
      }
      results.push(perQuery);
    }
    expect(results[0]).toEqual(results[1]);
    expect(results[0]![0]!.length).toBe(8);
  });
});
