import 'server-only';
// Signs embeddings stored before binary signatures existed (migration 20261206125000; docs/vector-search.md). Runs a
// batch per table on every worker sweep instead of at start-up, so a large database starts serving at once; until a
// row is signed the fallback search checks it exactly, so results are right meanwhile, only slower. Resumable by
// construction: the unsigned rows are the checkpoint (found through a partial index), and a row updated by someone
// else in between keeps the newer signature (the UPDATE only fills NULLs).
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { embeddingSignature } from '@/server/db/embedding-signature';
import { getVectorStorage } from '@/server/db/vector-storage';

export const SIGNATURE_BACKFILL_BATCH = 500;

const TABLES = [
  { table: Prisma.raw('message_embeddings'), key: Prisma.raw('id') },
  { table: Prisma.raw('conclusion_embeddings'), key: Prisma.raw('conclusion_id') },
] as const;

/** Signs up to `batchSize` unsigned rows of each embedding table; returns how many rows were signed. */
export async function backfillSignatures(db: DbClient, batchSize = SIGNATURE_BACKFILL_BATCH): Promise<number> {
  const storage = await getVectorStorage(db);
  let signed = 0;
  for (const { table, key } of TABLES) {
    // `::real[]` reads both storages (pgvector casts vector to real[]).
    const rows = await db.$queryRaw<{ key: string; embedding: number[] }[]>`
      SELECT ${key} AS key, embedding::real[] AS embedding FROM ${table}
      WHERE signature IS NULL ORDER BY workspace_id LIMIT ${batchSize}`;
    const usable = rows.filter((r) => r.embedding.length === storage.dimensions);
    if (usable.length === 0) continue;
    const values = usable.map((r) => Prisma.sql`(${r.key}::text, ${embeddingSignature(r.embedding)}::bit varying)`);
    signed += await db.$executeRaw`
      UPDATE ${table} SET signature = v.signature
      FROM (VALUES ${Prisma.join(values)}) AS v (key, signature)
      WHERE ${table}.${key} = v.key AND ${table}.signature IS NULL`;
  }
  return signed;
}
