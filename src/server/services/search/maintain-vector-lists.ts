import 'server-only';
// Keeps the inverted-file lists of the vector search without pgvector (docs/vector-search.md), a little on every
// worker sweep, never on the request path:
// 1. trains lists (spherical k-means on a sample, within a CPU budget, yielding to the event loop) for at most one
//    workspace per call: one that has passed the size threshold without lists, or has doubled since its lists were
//    trained. The new lists are a new generation; the old one stays until its rows have moved;
// 2. moves rows into the current generation: rows stored before the workspace had lists, rows of an older
//    generation, rows whose list was retired under a racing write. A bounded batch per call;
// 3. retires an older generation once no row points into it.
// Until a row has moved, searches still find it: they probe the old generation's lists too, and read rows without a
// live list exhaustively.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { embeddingSignature } from '@/server/db/embedding-signature';
import { vectorListCount, vectorListsMinRows, vectorListTrainBudgetMs } from '@/server/db/vector-list-settings';
import { getVectorStorage } from '@/server/db/vector-storage';
import { normaliseRows, trainCentroids } from './train-centroids';
import { currentLists, nearestLists, type ListTarget } from './vector-list-assignment';

export const LIST_ASSIGN_BATCH = 5_000;
/** Sample rows per list for k-means: enough for stable centroids, bounded so training stays seconds, not minutes. */
const SAMPLE_PER_LIST = 32;
const ITERATIONS = 10;
/** Retraining is due when a workspace has grown by this factor since its lists were trained. */
const REGROWTH = 2;

const TABLES = {
  messages: { table: Prisma.raw('message_embeddings'), key: Prisma.raw('id') },
  conclusions: { table: Prisma.raw('conclusion_embeddings'), key: Prisma.raw('conclusion_id') },
} as const;

export type ListMaintenance = { trained: number; moved: number; retired: number };

export async function maintainVectorLists(db: DbClient, options: { batch?: number } = {}): Promise<ListMaintenance> {
  const done: ListMaintenance = { trained: 0, moved: 0, retired: 0 };
  const storage = await getVectorStorage(db);
  if (storage.mode !== 'fallback') return done;

  const minRows = vectorListsMinRows();
  const [due] = minRows === null ? [] : await db.$queryRaw<{ workspaceId: string; target: ListTarget; rows: number; generation: number | null }[]>`
    SELECT st.workspace_id AS "workspaceId", st.target, st.rows::int AS rows, s.generation
    FROM (SELECT workspace_id, target, sum(documents) AS rows FROM search_statistics GROUP BY workspace_id, target) st
    LEFT JOIN vector_list_sets s ON s.workspace_id = st.workspace_id AND s.target = st.target
    WHERE st.rows >= ${minRows} AND (s.workspace_id IS NULL OR st.rows >= s.trained_rows * ${REGROWTH})
    ORDER BY st.rows DESC LIMIT 1`;
  if (due) {
    if (await trainLists(db, storage.dimensions, due.workspaceId, due.target, due.rows, (due.generation ?? 0) + 1)) done.trained += 1;
  }

  let budget = options.batch ?? LIST_ASSIGN_BATCH;
  const sets = await db.$queryRaw<{ workspaceId: string; target: ListTarget; generation: number }[]>`
    SELECT workspace_id AS "workspaceId", target, generation FROM vector_list_sets ORDER BY workspace_id, target`;
  for (const set of sets) {
    if (budget <= 0) break;
    const lists = await currentLists(db, set.workspaceId, set.target);
    if (!lists) continue;
    const { table, key } = TABLES[set.target];
    const floor = Math.min(...lists.ids);
    const stale = await db.$queryRaw<{ key: string; embedding: number[] }[]>`
      SELECT ${key} AS key, embedding::real[] AS embedding FROM ${table}
      WHERE workspace_id = ${set.workspaceId} AND (list_id IS NULL OR list_id < ${floor})
      LIMIT ${budget}`;
    const usable = stale.filter((r) => r.embedding.length === lists.centroids.dimensions);
    for (let start = 0; start < usable.length; start += 500) {
      const slice = usable.slice(start, start + 500);
      const ids = nearestLists(lists, slice.map((r) => r.embedding));
      const values = slice.map((r, i) => Prisma.sql`(${r.key}::text, ${ids[i]!}::int)`);
      // Only rows still stale: a concurrent write may have stored a newer embedding with its own list meanwhile.
      done.moved += await db.$executeRaw`
        UPDATE ${table} SET list_id = v.list_id FROM (VALUES ${Prisma.join(values)}) AS v (key, list_id)
        WHERE ${table}.${key} = v.key AND (${table}.list_id IS NULL OR ${table}.list_id < ${floor})`;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    budget -= stale.length;
    if (stale.length === 0) {
      done.retired += await db.$executeRaw`
        DELETE FROM vector_lists WHERE workspace_id = ${set.workspaceId} AND target = ${set.target} AND generation < ${set.generation}`;
    }
  }
  return done;
}

async function trainLists(
  db: DbClient, dimensions: number, workspaceId: string, target: ListTarget, rows: number, generation: number,
): Promise<boolean> {
  const { table } = TABLES[target];
  const lists = vectorListCount(rows);
  const sample = await db.$queryRaw<{ embedding: number[] }[]>`
    SELECT embedding::real[] AS embedding FROM ${table}
    WHERE workspace_id = ${workspaceId} ORDER BY random() LIMIT ${lists * SAMPLE_PER_LIST}`;
  const usable = sample.filter((r) => r.embedding.length === dimensions);
  if (usable.length < lists) return false;
  const values = new Float32Array(usable.length * dimensions);
  usable.forEach((r, i) => values.set(r.embedding, i * dimensions));
  const block = { values, dimensions, count: usable.length };
  normaliseRows(block);
  const centroids = await trainCentroids(block, { lists, iterations: ITERATIONS, budgetMs: vectorListTrainBudgetMs(), seed: generation });
  const rowsSql = Array.from({ length: centroids.count }, (_, c) => {
    const centroid = Array.from(centroids.values.subarray(c * dimensions, (c + 1) * dimensions));
    return Prisma.sql`(${workspaceId}, ${target}, ${generation}::int, ${`{${centroid.join(',')}}`}::real[], ${embeddingSignature(centroid)}::bit varying)`;
  });
  // One statement, so the lists and the generation that makes writers use them appear together; it claims the
  // generation first, so when two workers trained the same workspace at once only the first one's lists are kept.
  const stored = await db.$executeRaw`
    WITH claim AS (
      INSERT INTO vector_list_sets (workspace_id, target, generation, trained_rows, trained_at)
      VALUES (${workspaceId}, ${target}, ${generation}::int, ${rows}::int, now())
      ON CONFLICT (workspace_id, target) DO UPDATE
        SET generation = EXCLUDED.generation, trained_rows = EXCLUDED.trained_rows, trained_at = EXCLUDED.trained_at
        WHERE vector_list_sets.generation = ${generation - 1}::int
      RETURNING 1
    )
    INSERT INTO vector_lists (workspace_id, target, generation, centroid, signature)
    SELECT v.* FROM (VALUES ${Prisma.join(rowsSql)}) AS v WHERE EXISTS (SELECT 1 FROM claim)`;
  return stored > 0;
}
