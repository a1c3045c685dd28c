// Inverted-file lists of the vector search without pgvector (docs/vector-search.md): a workspace past the threshold is
// trained by the sweep task, its rows move into lists, new writes join a list at once, a search probes the nearest
// lists only and still finds what is not in a live list yet, and a workspace that doubles is retrained, its old
// generation retired once empty. The data are clustered, as real embeddings are, so probing few lists finds the
// exact neighbours; the cost of the probe (rows read) is asserted through EXPLAIN.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PrismaClient } from '@/generated/prisma/client';
import { createDbClient } from '@/server/db/client';
import { nearestByCosine } from '@/server/db/vector-search';
import { getVectorStorage } from '@/server/db/vector-storage';
import { maintainVectorLists } from '@/server/services/search/maintain-vector-lists';
import { storeMessageEmbeddings } from '@/server/services/search/store-message-embeddings';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { seededRandom } from '../support/seeded-random';

const DIMS = 32;
const CLUSTERS = 12;

/** Centred on zero: vector components. */
const rng = (seed: number) => {
  const next = seededRandom(seed);
  return () => next() - 0.5;
};
const noise = rng(11);
const centres = Array.from({ length: CLUSTERS }, () => Array.from({ length: DIMS }, () => noise()));
const near = (c: number, spread = 0.15) => centres[c]!.map((x) => x + spread * noise());
const cosine = (x: readonly number[], y: readonly number[]) => {
  let dot = 0, nx = 0, ny = 0;
  x.forEach((v, i) => { dot += v * y[i]!; nx += v * v; ny += y[i]! * y[i]!; });
  return 1 - dot / Math.sqrt(nx * ny);
};

type Row = { id: string; v: number[] };

describe('inverted-file lists (fallback)', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  const rows: Row[] = [];
  let seq = 0;

  async function add(workspace: string, count: number, prefix: string): Promise<Row[]> {
    const storage = await getVectorStorage(prisma);
    const added = Array.from({ length: count }, (_, i) => ({ id: `${prefix}${String(i).padStart(4, '0')}`, v: near(i % CLUSTERS) }));
    await prisma.$executeRaw`
      INSERT INTO messages (id, workspace_id, session_id, peer_id, seq, content, token_count, created_at)
      SELECT r.id, ${`${workspace}-id`}, ${`${workspace}-s`}, ${`${workspace}-p`}, r.seq, 'x', 1, now()
      FROM unnest(${added.map((r) => r.id)}::text[], ${added.map(() => (seq += 1))}::int[]) AS r (id, seq)`;
    await storeMessageEmbeddings(prisma, storage, 'test', added.map((r) => ({
      messageId: r.id, workspaceId: `${workspace}-id`, chunks: [{ text: 'x', start: 0, end: 1 }], vectors: [r.v],
    })));
    return added;
  }

  const listOf = async (id: string) =>
    (await prisma.$queryRaw<{ list: number | null }[]>`SELECT list_id AS list FROM message_embeddings WHERE message_id = ${id}`)[0]!.list;

  const recall = async (queries: number[][], pool: Row[]) => {
    let found = 0;
    for (const q of queries) {
      const hits = await nearestByCosine(prisma, { target: 'messages', workspaceId: 'big-id', embedding: q, limit: 10 });
      expect(hits.every((h) => !h.id.startsWith('o'))).toBe(true);
      const tenth = pool.map((r) => cosine(r.v, q)).sort((a, b) => a - b)[9]!;
      found += hits.filter((h) => h.distance <= tenth + 1e-6).length / 10;
    }
    return found / queries.length;
  };
  const queries = Array.from({ length: 8 }, (_, i) => near(i % CLUSTERS, 0.2));

  beforeAll(async () => {
    vi.stubEnv('VECTOR_LISTS_MIN_ROWS', '500');
    vi.stubEnv('VECTOR_LIST_PROBES', '6');
    db = await createTestDatabase({ vectorPreference: 'fallback', embeddingDimensions: DIMS });
    prisma = createDbClient(db.url, 4);
    for (const ws of ['big', 'other']) {
      await prisma.workspace.create({ data: { id: `${ws}-id`, name: ws } });
      await prisma.peer.create({ data: { id: `${ws}-p`, workspaceId: `${ws}-id`, name: 'alice' } });
      await prisma.session.create({ data: { id: `${ws}-s`, workspaceId: `${ws}-id`, name: 's' } });
    }
    rows.push(...(await add('big', 600, 'b')));
    // Another workspace holding the queries themselves: nearer than anything, never to be returned.
    await add('other', 200, 'o');
  }, 240_000);
  afterAll(async () => {
    vi.unstubAllEnvs();
    await prisma?.$disconnect();
    await db?.close();
  });

  it('trains nothing while VECTOR_LISTS_MIN_ROWS is unset: the lists are opt-in', async () => {
    vi.stubEnv('VECTOR_LISTS_MIN_ROWS', '');
    try {
      expect(await maintainVectorLists(prisma)).toEqual({ trained: 0, moved: 0, retired: 0 });
      const [sets] = await prisma.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM vector_list_sets`;
      expect(sets!.n).toBe(0);
    } finally {
      vi.stubEnv('VECTOR_LISTS_MIN_ROWS', '500');
    }
  });

  it('ranks exactly before the workspace has lists, then trains and moves every row into one', async () => {
    expect(await recall(queries, rows)).toBe(1);
    expect(await listOf('b0000')).toBeNull();

    const first = await maintainVectorLists(prisma);
    expect(first.trained).toBe(1);
    expect(first.moved).toBe(600);
    const [set] = await prisma.$queryRaw<{ generation: number; lists: number }[]>`
      SELECT s.generation, (SELECT count(*)::int FROM vector_lists l WHERE l.workspace_id = s.workspace_id) AS lists
      FROM vector_list_sets s WHERE s.workspace_id = 'big-id' AND s.target = 'messages'`;
    expect(set).toEqual({ generation: 1, lists: 24 });
    const [unlisted] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM message_embeddings WHERE workspace_id = 'big-id' AND list_id IS NULL`;
    expect(unlisted!.n).toBe(0);
    // The smaller workspace stays below the threshold: no lists.
    expect(await listOf('o0000')).toBeNull();
    // Nothing more to do on the next sweep.
    expect(await maintainVectorLists(prisma)).toEqual({ trained: 0, moved: 0, retired: 0 });
  });

  it('probes only the nearest lists, and still finds the exact neighbours of clustered data', async () => {
    expect(await recall(queries, rows)).toBeGreaterThanOrEqual(0.95);
    // Three of 24 lists (plus rows without a live list, none here): far fewer signatures than the workspace.
    const storage = await getVectorStorage(prisma);
    expect(storage.mode).toBe('fallback');
    const { querySignature } = await import('@/server/db/embedding-signature');
    const { signature, mask } = querySignature(queries[0]!);
    const [read] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM message_embeddings e
      WHERE e.workspace_id = 'big-id' AND e.list_id = ANY(ARRAY(
        SELECT id FROM (SELECT l.id, row_number() OVER (PARTITION BY l.generation
          ORDER BY bit_count((l.signature # ${signature}::bit varying) & ${mask}::bit varying), l.id) AS rank
          FROM vector_lists l WHERE l.workspace_id = 'big-id' AND l.target = 'messages') ranked WHERE rank <= 3))`;
    expect(read!.n).toBeGreaterThan(0);
    expect(read!.n).toBeLessThan(300);
  });

  it('assigns new writes to a list at once, and finds rows whose list was retired under them', async () => {
    const added = await add('big', 10, 'n');
    rows.push(...added);
    expect(await listOf('n0000')).not.toBeNull();
    // A write that raced a retraining: its list id lies below every live list. It is read exhaustively until moved.
    await prisma.$executeRaw`UPDATE message_embeddings SET list_id = 0 WHERE message_id = 'n0001'`;
    const hits = await nearestByCosine(prisma, { target: 'messages', workspaceId: 'big-id', embedding: added[1]!.v, limit: 1 });
    expect(hits[0]?.id).toBe('n0001');
    expect((await maintainVectorLists(prisma)).moved).toBe(1);
    expect(await listOf('n0001')).toBeGreaterThan(0);
  });

  it('retrains a workspace that has doubled, keeps finding rows meanwhile, and retires the old generation once empty', async () => {
    rows.push(...(await add('big', 620, 'g')));
    // Training a new generation and moving only part of the rows: both generations are probed in between.
    const step = await maintainVectorLists(prisma, { batch: 400 });
    expect(step.trained).toBe(1);
    expect(step.moved).toBe(400);
    expect(step.retired).toBe(0);
    expect(await recall(queries, rows)).toBeGreaterThanOrEqual(0.95);
    let retired = 0;
    for (let i = 0; i < 10 && retired === 0; i += 1) retired = (await maintainVectorLists(prisma, { batch: 400 })).retired;
    expect(retired).toBe(24);
    const generations = await prisma.$queryRaw<{ generation: number }[]>`
      SELECT DISTINCT generation FROM vector_lists WHERE workspace_id = 'big-id'`;
    expect(generations).toEqual([{ generation: 2 }]);
    expect(await recall(queries, rows)).toBeGreaterThanOrEqual(0.95);
  });
});
