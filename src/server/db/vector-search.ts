import 'server-only';
// Nearest neighbours by cosine distance over message-chunk or conclusion embeddings, identical in ranking on both
// storages (contract Δ11): pgvector fetches a generous candidate set through the HNSW index and orders it by exact
// cosine distance; the fallback scans with exact cosine in SQL. Ties break by id so both paths agree.
import { Prisma } from '@/generated/prisma/client';
import type { Db } from './client';
import { embeddingValue, getVectorStorage } from './vector-storage';

export type VectorTarget = 'messages' | 'conclusions';
export type VectorHit = { id: string; distance: number };

export type NearestOptions = {
  target: VectorTarget;
  workspaceId: string;
  embedding: readonly number[];
  limit: number;
  /** Cosine-distance cap (0–2); hits farther away are dropped. */
  maxDistance?: number;
  /** Extra condition on the owning row (alias `m` for messages, `c` for conclusions). */
  where?: Prisma.Sql;
};

const TARGETS = {
  messages: { table: Prisma.raw('message_embeddings'), key: Prisma.raw('e.message_id'), owner: Prisma.raw('messages m'), ownerKey: Prisma.raw('m.id') },
  conclusions: { table: Prisma.raw('conclusion_embeddings'), key: Prisma.raw('e.conclusion_id'), owner: Prisma.raw('conclusions c'), ownerKey: Prisma.raw('c.id') },
} as const;

export async function nearestByCosine(db: Db, options: NearestOptions): Promise<VectorHit[]> {
  const storage = await getVectorStorage(db);
  const { table, key, owner, ownerKey } = TARGETS[options.target];
  const alias = Prisma.raw(options.target === 'messages' ? 'm' : 'c');
  const query = embeddingValue(storage, options.embedding);
  const where = options.where ?? Prisma.sql`TRUE`;
  const cap = options.maxDistance ?? 2;
  const limit = Math.max(1, Math.floor(options.limit));

  if (storage.mode === 'fallback') {
    const rows = await db.$queryRaw<VectorHit[]>`
      SELECT ${key} AS id, min(rapport_cosine_distance(e.embedding, ${query}))::float8 AS distance
      FROM ${table} e JOIN ${owner} ON ${ownerKey} = ${key}
      WHERE e.workspace_id = ${options.workspaceId} AND ${alias}.deleted_at IS NULL AND ${where}
      GROUP BY ${key}
      HAVING min(rapport_cosine_distance(e.embedding, ${query})) <= ${cap}
      ORDER BY distance, id
      LIMIT ${limit}`;
    return rows;
  }

  // HNSW is approximate: widen the candidate pool (and let pgvector ≥ 0.8 keep scanning past filtered-out rows),
  // then order the candidates exactly. Message chunks are grouped so a message counts once, by its best chunk.
  const candidates = Math.max(40, limit * 8);
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL hnsw.ef_search = ${Math.min(1000, candidates)}`);
    if (storage.pgvectorVersion && compareVersions(storage.pgvectorVersion, '0.8.0') >= 0) {
      await tx.$executeRawUnsafe(`SET LOCAL hnsw.iterative_scan = 'strict_order'`);
    }
    return tx.$queryRaw<VectorHit[]>`
      WITH candidates AS (
        SELECT ${key} AS id, (e.embedding <=> ${query})::float8 AS distance
        FROM ${table} e JOIN ${owner} ON ${ownerKey} = ${key}
        WHERE e.workspace_id = ${options.workspaceId} AND ${alias}.deleted_at IS NULL AND ${where}
        ORDER BY e.embedding <=> ${query}
        LIMIT ${candidates}
      )
      SELECT id, min(distance) AS distance FROM candidates
      WHERE distance <= ${cap}
      GROUP BY id ORDER BY distance, id LIMIT ${limit}`;
  });
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
