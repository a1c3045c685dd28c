// Vector search ranks identically on pgvector (HNSW candidates, exact re-rank) and on the real[] fallback (signature
// candidates, exact re-rank): same data, same queries, same top-k (docs/honcho-differences.md#database-portability). The corpus is smaller than the
// fallback's re-rank pool, so both must equal the exact ranking; a few rows are left unsigned, as before a backfill.
// On CI's server lane the fallback side runs on the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma, type PrismaClient } from '@/generated/prisma/client';
import { createDbClient } from '@/server/db/client';
import { nearestByCosine, rankExactly, splitArraySends } from '@/server/db/vector-search';
import { embeddingValue, getVectorStorage, signatureValue } from '@/server/db/vector-storage';
import { createTestDatabase, TEST_EMBEDDING_DIMENSIONS, type TestDatabase } from '../support/test-database';
import { seededRandom } from '../support/seeded-random';

const DIM = TEST_EMBEDDING_DIMENSIONS;

// Deterministic pseudo-random vectors (mulberry32) so a failure reproduces.
/** Centred on zero: vector components. */
const rng = (seed: number) => {
  const next = seededRandom(seed);
  return () => next() - 0.5;
};
const random = rng(42);
const vec = () => Array.from({ length: DIM }, () => Number(random().toFixed(4)));

type Side = { db: TestDatabase; prisma: PrismaClient };

async function seed(prisma: PrismaClient, workspace: string, messages: { id: string; chunks: number[][]; deleted?: boolean }[]) {
  const storage = await getVectorStorage(prisma);
  await prisma.workspace.create({ data: { id: `${workspace}-id`, name: workspace } });
  await prisma.peer.create({ data: { id: `${workspace}-alice`, workspaceId: `${workspace}-id`, name: 'alice' } });
  await prisma.session.create({ data: { id: `${workspace}-s1`, workspaceId: `${workspace}-id`, name: 's1' } });
  let seq = 0;
  for (const m of messages) {
    seq += 1;
    await prisma.message.create({
      data: {
        id: m.id, workspaceId: `${workspace}-id`, sessionId: `${workspace}-s1`, peerId: `${workspace}-alice`,
        seq, content: `message ${m.id}`, tokenCount: 2, createdAt: new Date(),
      },
    });
    for (const [i, chunk] of m.chunks.entries()) {
      const signature = seq % 7 === 3 ? Prisma.sql`NULL` : signatureValue(storage, chunk);
      await prisma.$executeRaw`
        INSERT INTO message_embeddings (id, workspace_id, message_id, chunk_index, char_start, char_end, model, embedding, signature)
        VALUES (${`${m.id}-${i}`}, ${`${workspace}-id`}, ${m.id}, ${i}, 0, 1, 'test', ${embeddingValue(storage, chunk)}, ${signature})`;
    }
    // A deleted message takes its embeddings with it (ON DELETE CASCADE).
    if (m.deleted) await prisma.message.delete({ where: { id: m.id } });
  }
}

describe('vector search: pgvector and fallback agree', () => {
  let pgvector: Side;
  let fallback: Side;
  const corpus = Array.from({ length: 120 }, (_, i) => ({
    id: `m${String(i).padStart(3, '0')}`,
    chunks: i % 4 === 0 ? [vec(), vec()] : [vec()],
    deleted: i % 17 === 5,
  }));
  const other = Array.from({ length: 30 }, (_, i) => ({ id: `x${i}`, chunks: [vec()] }));

  beforeAll(async () => {
    const open = async (preference: 'pgvector' | 'fallback', forceEmbedded: boolean): Promise<Side> => {
      const db = await createTestDatabase({ vectorPreference: preference, forceEmbedded });
      return { db, prisma: createDbClient(db.url, 4) };
    };
    [pgvector, fallback] = await Promise.all([open('pgvector', true), open('fallback', false)]);
    for (const side of [pgvector, fallback]) {
      await seed(side.prisma, 'w1', corpus);
      await seed(side.prisma, 'w2', other);
    }
  });
  afterAll(async () => {
    for (const side of [pgvector, fallback]) {
      await side?.prisma.$disconnect();
      await side?.db.close();
    }
  });

  it('stores embeddings as vector(n) with HNSW on one side and real[] on the other', async () => {
    expect(pgvector.db.prepared?.vector.mode).toBe('pgvector');
    expect(fallback.db.prepared?.vector.mode).toBe('fallback');
    const types = async (p: PrismaClient) =>
      p.$queryRaw<{ t: string }[]>`SELECT format_type(atttypid, atttypmod) AS t FROM pg_attribute
        WHERE attrelid = 'message_embeddings'::regclass AND attname = 'embedding'`;
    expect((await types(pgvector.prisma))[0]?.t).toBe(`vector(${DIM})`);
    expect((await types(fallback.prisma))[0]?.t).toBe('real[]');
    const hnsw = await pgvector.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_indexes WHERE indexname = 'message_embeddings_embedding_hnsw' AND indexdef ILIKE '%hnsw%'`;
    expect(Number(hnsw[0]?.n)).toBe(1);
  });

  it('gives pooled connections the HNSW settings once, at connect time (no transaction per search)', async () => {
    const [settings] = await pgvector.prisma.$queryRaw<{ ef: string; iterative: string }[]>`
      SELECT current_setting('hnsw.ef_search') AS ef, current_setting('hnsw.iterative_scan') AS iterative`;
    expect(settings).toEqual({ ef: '200', iterative: 'strict_order' });
  });

  it('returns the same top-k, best first, for many queries', async () => {
    for (let q = 0; q < 12; q += 1) {
      const query = vec();
      for (const limit of [1, 5, 10, 25]) {
        const options = { target: 'messages' as const, workspaceId: 'w1-id', embedding: query, limit };
        const [a, b] = await Promise.all([nearestByCosine(pgvector.prisma, options), nearestByCosine(fallback.prisma, options)]);
        expect(a.map((h) => h.id)).toEqual(b.map((h) => h.id));
        expect(a).toHaveLength(limit);
        a.forEach((hit, i) => expect(hit.distance).toBeCloseTo(b[i]!.distance, 5));
        for (let i = 1; i < a.length; i += 1) expect(a[i]!.distance).toBeGreaterThanOrEqual(a[i - 1]!.distance);
      }
    }
  });

  it('asks a narrowness check only on the fallback, whose plan depends on it (pgvector filters inside its index scan)', async () => {
    const asked = { pgvector: 0, fallback: 0 };
    for (const [name, side] of [['pgvector', pgvector], ['fallback', fallback]] as const) {
      const narrow = async () => { asked[name] += 1; return false; };
      const hits = await nearestByCosine(side.prisma, { target: 'messages', workspaceId: 'w1-id', embedding: vec(), limit: 5, narrow });
      expect(hits).toHaveLength(5);
    }
    expect(asked).toEqual({ pgvector: 0, fallback: 1 });
  });

  it('matches a brute-force ranking computed in JavaScript (best chunk per message, deleted excluded)', async () => {
    const query = vec();
    const cosine = (x: number[], y: number[]) => {
      let dot = 0, nx = 0, ny = 0;
      x.forEach((v, i) => { dot += v * y[i]!; nx += v * v; ny += y[i]! * y[i]!; });
      return 1 - dot / Math.sqrt(nx * ny);
    };
    const expected = corpus
      .filter((m) => !m.deleted)
      .map((m) => ({ id: m.id, d: Math.min(...m.chunks.map((c) => cosine(c, query))) }))
      .sort((x, y) => x.d - y.d)
      .slice(0, 10)
      .map((m) => m.id);
    for (const side of [pgvector, fallback]) {
      const hits = await nearestByCosine(side.prisma, { target: 'messages', workspaceId: 'w1-id', embedding: query, limit: 10 });
      expect(hits.map((h) => h.id)).toEqual(expected);
    }
  });

  it('never crosses workspaces, skips deleted messages, and honours the distance cap on both', async () => {
    const query = vec();
    for (const side of [pgvector, fallback]) {
      const all = await nearestByCosine(side.prisma, { target: 'messages', workspaceId: 'w2-id', embedding: query, limit: 100 });
      expect(all).toHaveLength(30);
      expect(all.every((h) => h.id.startsWith('x'))).toBe(true);
      const live = await nearestByCosine(side.prisma, { target: 'messages', workspaceId: 'w1-id', embedding: query, limit: 200 });
      expect(live.some((h) => corpus.find((m) => m.id === h.id)?.deleted)).toBe(false);
      expect(live).toHaveLength(corpus.filter((m) => !m.deleted).length);
      const capped = await nearestByCosine(side.prisma, { target: 'messages', workspaceId: 'w1-id', embedding: query, limit: 200, maxDistance: 0.8 });
      expect(capped.length).toBeLessThan(live.length);
      expect(capped.every((h) => h.distance <= 0.8)).toBe(true);
      const restricted = await nearestByCosine(side.prisma, {
        target: 'messages', workspaceId: 'w1-id', embedding: query, limit: 5, where: Prisma.sql`m.seq <= 10`,
      });
      expect(restricted.every((h) => Number(h.id.slice(1)) < 10)).toBe(true);
    }
  });

  it('re-ranks the server\'s binary real[] exactly: best chunk per owner, cap, ties by id, malformed arrays skipped', async () => {
    // The bytes come from the server itself, so the decoder is checked against the real format.
    const [texts] = await fallback.prisma.$queryRaw<Record<string, Uint8Array>[]>`
      SELECT array_send('{3,4,0}'::real[]) AS a, array_send('{0,1,0}'::real[]) AS b, array_send('{0,0,1}'::real[]) AS c,
             array_send('[0:2]={3,4,0}'::real[]) AS bounds, array_send('{1,NULL,0}'::real[]) AS nulls, array_send('{0,0,0}'::real[]) AS zero,
             array_send('{1,0}'::real[]) AS short, array_send('{{1,0,0}}'::real[]) AS matrix, array_send('{}'::real[]) AS empty,
             array_send('{NaN,1,0}'::real[]) AS nan`;
    const row = (id: string, key: string) => ({ id, embedding: texts![key]! });
    const rows = [
      row('m2', 'c'), row('m1', 'b'), row('m3', 'a'), row('m3', 'c'), row('m4', 'nulls'), row('m5', 'zero'),
      row('m6', 'short'), row('m7', 'matrix'), row('m8', 'empty'), row('m9', 'nan'), { id: null, embedding: null },
      { id: 'm10', embedding: null },
    ];
    const hits = rankExactly([0.6, 0.8, 0], rows, 2, 10);
    // m3 counts by its best chunk, {3,4,0} (distance 0); rows with NULLs, zero length or another shape are dropped.
    expect(hits.map((h) => h.id)).toEqual(['m3', 'm1', 'm2']);
    expect(hits[0]!.distance).toBeCloseTo(0, 6);
    expect(hits[1]!.distance).toBeCloseTo(0.2, 6);
    expect(hits[2]!.distance).toBeCloseTo(1, 6);
    expect(rankExactly([0.6, 0.8, 0], rows, 0.5, 10).map((h) => h.id)).toEqual(['m3', 'm1']);
    expect(rankExactly([0.6, 0.8, 0], rows, 2, 1).map((h) => h.id)).toEqual(['m3']);
    expect(rankExactly([0, 0, 0], rows, 2, 10)).toEqual([]);
    expect(rankExactly([0, 0, 1], [row('b', 'b'), row('a', 'b')], 2, 10).map((h) => h.id)).toEqual(['a', 'b']);
    // Bounds other than 1 change nothing about the values.
    expect(rankExactly([0.6, 0.8, 0], [row('x', 'bounds')], 2, 10)[0]!.distance).toBeCloseTo(0, 6);
  });

  it('splits the server\'s concatenated array_send bytes back into each array, whatever their shape', async () => {
    // distanceColumn reads an owner's chunks as one bytea (string_agg of array_send); each part must come back whole.
    const parts = ['{3,4,0}', '{1,NULL,0}', '{}', '[0:2]={3,4,0}', '{{1,0,0},{0,1,0}}', '{0.5,-2,1e-30}'];
    const [row] = await fallback.prisma.$queryRaw<{ joined: Uint8Array; each: Uint8Array[] }[]>`
      SELECT string_agg(array_send(p.a::real[]), ''::bytea ORDER BY p.n) AS joined,
             array_agg(array_send(p.a::real[]) ORDER BY p.n) AS each
      FROM unnest(${parts}::text[]) WITH ORDINALITY AS p(a, n)`;
    const split = splitArraySends(row!.joined);
    expect(split.map((b) => Buffer.from(b).toString('hex'))).toEqual(row!.each.map((b) => Buffer.from(b).toString('hex')));
    // A cut-off tail is left out rather than misread, and what precedes it is still found.
    expect(splitArraySends(row!.joined.subarray(0, row!.joined.byteLength - 3))).toHaveLength(parts.length - 1);
    expect(splitArraySends(new Uint8Array(0))).toEqual([]);
  });
});

describe('fallback on a workspace larger than its candidate pool', () => {
  // 64 dimensions of independent noise: neighbours are only slightly closer than everything else, the hard case for
  // signatures. 2,000 rows is more than twice the signature pass's pool for limit 10 (800), so the pass really cuts.
  const DIMS = 64;
  const noise = rng(7);
  const vector = () => Array.from({ length: DIMS }, () => noise());
  const cosine = (x: readonly number[], y: readonly number[]) => {
    let dot = 0, nx = 0, ny = 0;
    x.forEach((v, i) => { dot += v * y[i]!; nx += v * v; ny += y[i]! * y[i]!; });
    return 1 - dot / Math.sqrt(nx * ny);
  };
  let side: Side;
  const rows = Array.from({ length: 2000 }, (_, i) => ({ id: `b${String(i).padStart(4, '0')}`, session: i % 40 === 0 ? 'small' : 'big', v: vector() }));
  const queries = Array.from({ length: 12 }, vector);
  // The other workspace holds exact copies of the queries: the nearest rows of all, and never to be returned.
  const decoys = queries.map((q, i) => ({ id: `d${i}`, v: q }));

  beforeAll(async () => {
    const db = await createTestDatabase({ vectorPreference: 'fallback', embeddingDimensions: DIMS });
    side = { db, prisma: createDbClient(db.url, 4) };
    const p = side.prisma;
    const storage = await getVectorStorage(p);
    for (const [ws, list] of [['big', rows], ['decoy', decoys.map((d) => ({ ...d, session: 'big' }))]] as const) {
      await p.workspace.create({ data: { id: `${ws}-id`, name: ws } });
      await p.peer.create({ data: { id: `${ws}-peer`, workspaceId: `${ws}-id`, name: 'alice' } });
      for (const s of ['big', 'small']) await p.session.create({ data: { id: `${ws}-${s}`, workspaceId: `${ws}-id`, name: s } });
      await p.$executeRaw`
        INSERT INTO messages (id, workspace_id, session_id, peer_id, seq, content, token_count, created_at)
        SELECT r.id, ${`${ws}-id`}, ${`${ws}-`} || r.session, ${`${ws}-peer`}, r.seq, 'x', 1, now()
        FROM unnest(${list.map((r) => r.id)}::text[], ${list.map((r) => r.session)}::text[], ${list.map((_, i) => i + 1)}::int[]) AS r (id, session, seq)`;
      for (let start = 0; start < list.length; start += 250) {
        const { storeMessageEmbeddings } = await import('@/server/services/search/store-message-embeddings');
        await storeMessageEmbeddings(p, storage, 'test', list.slice(start, start + 250).map((r) => ({
          messageId: r.id, workspaceId: `${ws}-id`, chunks: [{ text: 'x', start: 0, end: 1 }], vectors: [r.v],
        })));
      }
    }
    await p.$executeRawUnsafe('VACUUM ANALYZE');
  }, 240_000);
  afterAll(async () => {
    await side?.prisma.$disconnect();
    await side?.db.close();
  });

  const exact = (q: number[], pool: typeof rows, k: number) =>
    pool.map((r) => ({ id: r.id, d: cosine(r.v, q) })).sort((a, b) => a.d - b.d || a.id.localeCompare(b.id)).slice(0, k);

  it('finds the exact top 10 (overlap ≥ 0.9 on average) and never another workspace\'s rows', async () => {
    expect((await getVectorStorage(side.prisma)).mode).toBe('fallback');
    let overlap = 0;
    for (const q of queries) {
      const hits = await nearestByCosine(side.prisma, { target: 'messages', workspaceId: 'big-id', embedding: q, limit: 10 });
      expect(hits).toHaveLength(10);
      expect(hits.every((h) => h.id.startsWith('b'))).toBe(true);
      const truth = exact(q, rows, 10);
      overlap += hits.filter((h) => h.distance <= truth[9]!.d + 1e-6).length / 10;
      // Whatever is returned carries its exact distance.
      for (const h of hits) expect(h.distance).toBeCloseTo(cosine(rows.find((r) => r.id === h.id)!.v, q), 5);
    }
    expect(overlap / queries.length).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    ['found narrow after a workspace-first pass', false],
    ['flagged narrow by the caller', true],
    ['found narrow by the caller\'s own check', 'check'],
  ] as const)('ranks within a narrow scope (2 %% of the workspace) exactly, through the scope-first pass (%s)', async (_, flag) => {
    const small = rows.filter((r) => r.session === 'small');
    let checks = 0;
    const narrow = flag === 'check' ? async () => { checks += 1; return true; } : flag;
    for (const q of queries.slice(0, 4)) {
      const hits = await nearestByCosine(side.prisma, {
        target: 'messages', workspaceId: 'big-id', embedding: q, limit: 10, where: Prisma.sql`m.session_id = 'big-small'`, narrow,
      });
      expect(hits.map((h) => h.id)).toEqual(exact(q, small, 10).map((r) => r.id));
    }
    // Asked once per search on this path (the fallback), and never otherwise.
    expect(checks).toBe(flag === 'check' ? 4 : 0);
  });
});
