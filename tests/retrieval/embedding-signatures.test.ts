// Binary signatures stay in step with the embeddings they summarise (docs/vector-search.md): written with every
// message-chunk and conclusion embedding, copied by session clone, replaced by re-embed, and filled in by the
// background backfill for rows stored without one. Runs on both lanes (pgvector on the embedded database, real[] on
// CI's PostgreSQL 15): signatures are kept in both storage modes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/server/db/client';
import { embeddingSignature, querySignature, SIGNATURE_BITS } from '@/server/db/embedding-signature';
import { getVectorStorage } from '@/server/db/vector-storage';
import { createModelEngines, setModelEnginesForTesting, type Embedder } from '@/server/models';
import { storeConclusionEmbedding } from '@/server/services/conclusions/conclusion-embeddings';
import { backfillSignatures } from '@/server/services/search/backfill-signatures';
import { reembedAll } from '@/server/services/search/reembed-all';
import { call } from '../support/app-fetch';
import { uniqueId } from '../support/http-assertions';
import { provideTestDatabase, TEST_EMBEDDING_DIMENSIONS } from '../support/test-database';
import { addMessages, drainEmbeddings, insertConclusions } from './retrieval-fixtures';

process.env.AUTH_DISABLED = 'true';
provideTestDatabase();

const hamming = (a: string, b: string) => [...a].filter((bit, i) => bit !== b[i]).length;

function seededEmbedder(engine: string, salt: number): Embedder {
  return {
    engine, dimensions: TEST_EMBEDDING_DIMENSIONS, maxInputTokens: 64,
    async embed(texts) {
      return texts.map((t) => Array.from({ length: TEST_EMBEDDING_DIMENSIONS }, (_, i) => Math.sin((t.charCodeAt(i % t.length) + salt) * (i + 1))));
    },
  };
}

type Row = { key: string; embedding: number[]; signature: string | null };

/** Every stored signature equals the one computed from the stored vector (real precision: a projection within a
 * rounding error of a hyperplane may flip, hence the allowance of one bit). */
function expectConsistent(rows: Row[]) {
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    expect(row.signature, row.key).not.toBeNull();
    expect(row.signature!.length).toBe(SIGNATURE_BITS);
    expect(hamming(row.signature!, embeddingSignature(row.embedding)), row.key).toBeLessThanOrEqual(1);
  }
}

const messageRows = (workspace: string) => getDb().$queryRaw<(Row & { message_id: string; chunk_index: number })[]>`
  SELECT e.id AS key, e.message_id, e.chunk_index, e.embedding::real[] AS embedding, e.signature::text AS signature
  FROM message_embeddings e JOIN workspaces w ON w.id = e.workspace_id WHERE w.name = ${workspace} ORDER BY e.id`;
const conclusionRows = (workspace: string) => getDb().$queryRaw<Row[]>`
  SELECT e.conclusion_id AS key, e.embedding::real[] AS embedding, e.signature::text AS signature
  FROM conclusion_embeddings e JOIN workspaces w ON w.id = e.workspace_id WHERE w.name = ${workspace}`;

describe('signature construction', () => {
  it('is deterministic, 1024 bits, and its Hamming distance follows the angle', () => {
    const a = [0.3, -0.2, 0.9, 0.1, -0.5, 0.4, 0.05, -0.7];
    const near = a.map((v, i) => v + (i % 2 ? 0.05 : -0.05));
    const opposite = a.map((v) => -v);
    const unrelated = [-0.6, 0.8, 0.1, -0.3, 0.2, -0.9, 0.4, 0.1];
    expect(embeddingSignature(a)).toBe(embeddingSignature([...a]));
    expect(embeddingSignature(a)).toMatch(/^[01]{1024}$/);
    // Scaling does not move a vector off its side of any hyperplane (by a power of two, so the arithmetic is exact).
    expect(embeddingSignature(a.map((v) => v * 4))).toBe(embeddingSignature(a));
    expect(hamming(embeddingSignature(a), embeddingSignature(opposite))).toBeGreaterThan(1000);
    const d = (x: number[]) => hamming(embeddingSignature(a), embeddingSignature(x));
    expect(d(near)).toBeLessThan(d(unrelated));
    const { signature, mask } = querySignature(a);
    expect(signature).toBe(embeddingSignature(a));
    expect([...mask].filter((b) => b === '1').length).toBe(SIGNATURE_BITS / 2);
  });
});

describe('signature upkeep', () => {
  beforeAll(() => setModelEnginesForTesting({ ...createModelEngines(), embedder: seededEmbedder('test:sig', 0) }));
  afterAll(() => setModelEnginesForTesting(null));

  it('writes a signature with every message chunk and conclusion embedding', async () => {
    const ws = uniqueId('sig');
    await addMessages(ws, 's1', ['we hiked to the lake', 'my sister plays cello', 'a third message'].map((content) => ({ peer_id: 'alice', content })));
    await drainEmbeddings();
    expectConsistent(await messageRows(ws));

    const [id] = await insertConclusions(ws, [{ observer: 'alice', observed: 'alice', content: 'alice hikes' }]);
    const db = getDb();
    const storage = await getVectorStorage(db);
    const [workspace] = await db.$queryRaw<{ id: string }[]>`SELECT id FROM workspaces WHERE name = ${ws}`;
    await storeConclusionEmbedding(db, storage, workspace!.id, id!, { model: 'test:sig', values: [1, 2, 3, 4, 5, 6, 7, 8] });
    const [first] = await conclusionRows(ws);
    expectConsistent([first!]);
    // Replacing the vector replaces the signature.
    await storeConclusionEmbedding(db, storage, workspace!.id, id!, { model: 'test:sig', values: [-8, 7, -6, 5, -4, 3, -2, 1] });
    const [second] = await conclusionRows(ws);
    expectConsistent([second!]);
    expect(second!.signature).not.toBe(first!.signature);
  });

  it('copies the signatures with the embeddings when a session is cloned', async () => {
    const ws = uniqueId('sigclone');
    await addMessages(ws, 'src', ['first note', 'second note'].map((content) => ({ peer_id: 'alice', content })));
    await drainEmbeddings();
    const response = await call('POST', `/v3/workspaces/${ws}/sessions/src/clone`);
    expect(response.status).toBe(201);
    const rows = await getDb().$queryRaw<{ session: string; content: string; signature: string }[]>`
      SELECT s.name AS session, m.content, e.signature::text AS signature
      FROM message_embeddings e JOIN messages m ON m.id = e.message_id JOIN sessions s ON s.id = m.session_id
      JOIN workspaces w ON w.id = e.workspace_id WHERE w.name = ${ws}`;
    expect(rows).toHaveLength(4);
    const source = rows.filter((r) => r.session === 'src');
    const copies = rows.filter((r) => r.session !== 'src');
    expect(copies.map((r) => [r.content, r.signature]).sort()).toEqual(source.map((r) => [r.content, r.signature]).sort());
    expectConsistent(await messageRows(ws));
  });

  it('replaces the signatures when everything is re-embedded', async () => {
    const ws = uniqueId('sigre');
    await addMessages(ws, 's1', ['apples', 'pears and plums'].map((content) => ({ peer_id: 'alice', content })));
    await drainEmbeddings();
    await insertConclusions(ws, [{ observer: 'alice', observed: 'alice', content: 'alice likes fruit' }]);
    const before = await messageRows(ws);
    const db = getDb();
    await reembedAll(db, await getVectorStorage(db), seededEmbedder('test:sig2', 17), { batchSize: 50, log: () => {} });
    const after = await messageRows(ws);
    expectConsistent(after);
    expectConsistent(await conclusionRows(ws));
    expect(after.map((r) => r.signature)).not.toEqual(before.map((r) => r.signature));
  });

  it('backfills rows stored without a signature, in batches, until none is left', async () => {
    const ws = uniqueId('sigfill');
    await addMessages(ws, 's1', Array.from({ length: 5 }, (_, i) => ({ peer_id: 'alice', content: `note number ${i}` })));
    await drainEmbeddings();
    const conclusions = await insertConclusions(ws, ['alice takes notes', 'alice numbers them'].map((content) => ({ observer: 'alice', observed: 'alice', content })));
    const db = getDb();
    const storage = await getVectorStorage(db);
    const [workspace] = await db.$queryRaw<{ id: string }[]>`SELECT id FROM workspaces WHERE name = ${ws}`;
    for (const [i, id] of conclusions.entries()) {
      await storeConclusionEmbedding(db, storage, workspace!.id, id, { model: 'test:sig', values: [1, 0, 1, i, 1, 0, 1, 0] });
    }
    // Everything in the database unsigned, as after the migration on an existing deployment.
    await db.$executeRaw`UPDATE message_embeddings SET signature = NULL`;
    await db.$executeRaw`UPDATE conclusion_embeddings SET signature = NULL`;
    const unsigned = async () => (await db.$queryRaw<{ n: number }[]>`
      SELECT ((SELECT count(*) FROM message_embeddings WHERE signature IS NULL)
            + (SELECT count(*) FROM conclusion_embeddings WHERE signature IS NULL))::int AS n`)[0]!.n;
    const total = await unsigned();
    expect(total).toBeGreaterThan(5);
    const first = await backfillSignatures(db, 2);
    expect(first).toBe(4); // one batch of each table
    expect(await unsigned()).toBe(total - 4);
    while ((await backfillSignatures(db, 2)) > 0);
    expect(await unsigned()).toBe(0);
    expectConsistent(await messageRows(ws));
    expectConsistent(await conclusionRows(ws));
    expect(await backfillSignatures(db, 2)).toBe(0);
  });
});
