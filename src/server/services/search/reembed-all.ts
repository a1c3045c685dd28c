import 'server-only';
// `npm run reembed` (docs/architecture.md#models: the embedding dimension is a deployment setting; changing it, or the embedding
// model, needs every vector rebuilt). Messages then conclusions are re-embedded in id order, in batches; each batch's
// vectors and the checkpoint commit together, so an interrupted run resumes where it stopped (same engine and
// dimension) instead of starting over. When the dimension changes, the vector columns are rebuilt first: the old
// vectors are unusable anyway, so they are dropped and the columns recreated at the new size (vector-setup.ts).
import type pg from 'pg';
import { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db/client';
import { EMBEDDING_COLUMNS } from '@/server/db/sql-only-objects';
import { ensureVectorStorage, type VectorPreference, type VectorStorage } from '@/server/db/vector-setup';
import type { Embedder } from '@/server/models';
import { storeConclusionEmbedding } from '../conclusions/conclusion-embeddings';
import { embeddingChunks } from './embedding-chunks';
import { storeMessageEmbeddings } from './store-message-embeddings';

const CHECKPOINT_KEY = 'reembed_progress';
type Phase = 'messages' | 'conclusions';
type Checkpoint = { engine: string; dimensions: number; phase: Phase; after: string };

export type ReembedReport = { messages: number; conclusions: number; resumed: boolean };

/** Drops every stored vector and recreates the columns at `dimensions` (with HNSW when pgvector is in use). */
export async function rebuildVectorColumns(
  sql: pg.ClientBase, dimensions: number, preference: VectorPreference, log: (line: string) => void,
): Promise<VectorStorage> {
  await sql.query('BEGIN');
  try {
    for (const { table, column, index } of EMBEDDING_COLUMNS) {
      await sql.query(`DELETE FROM "${table}"`);
      await sql.query(`DROP INDEX IF EXISTS "${index}"`);
      await sql.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE real[] USING NULL`);
    }
    await sql.query(`DELETE FROM deployment_settings WHERE key = $1`, [CHECKPOINT_KEY]);
    await sql.query('COMMIT');
  } catch (error) {
    await sql.query('ROLLBACK').catch(() => {});
    throw error;
  }
  log(`vector columns dropped; recreating them for ${dimensions} dimensions`);
  return ensureVectorStorage(sql, { preference, dimensions, log });
}

export async function reembedAll(
  db: Db, storage: VectorStorage, embedder: Embedder, options: { batchSize: number; log: (line: string) => void },
): Promise<ReembedReport> {
  const { log } = options;
  const saved = await db.deploymentSetting.findUnique({ where: { key: CHECKPOINT_KEY } });
  const previous = saved?.value as Checkpoint | undefined;
  const resumed = previous?.engine === embedder.engine && previous.dimensions === embedder.dimensions;
  let checkpoint: Checkpoint = resumed ? previous! : { engine: embedder.engine, dimensions: embedder.dimensions, phase: 'messages', after: '' };
  if (resumed) log(`resuming: ${checkpoint.phase} after ${checkpoint.after || 'the start'}`);
  const save = (tx: Pick<Db, 'deploymentSetting'>, next: Checkpoint) =>
    tx.deploymentSetting.upsert({ where: { key: CHECKPOINT_KEY }, create: { key: CHECKPOINT_KEY, value: next }, update: { value: next } });
  const report: ReembedReport = { messages: 0, conclusions: 0, resumed };

  for (const phase of ['messages', 'conclusions'] as const) {
    if (phase === 'messages' && checkpoint.phase === 'conclusions') continue;
    const [{ total } = { total: 0 }] = await db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM ${Prisma.raw(phase)}`;
    let after = checkpoint.phase === phase ? checkpoint.after : '';
    let done = (await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM ${Prisma.raw(phase)} WHERE id <= ${after}`)[0]!.n;
    for (;;) {
      const rows = await db.$queryRaw<{ id: string; workspace_id: string; content: string }[]>`
        SELECT id, workspace_id, content FROM ${Prisma.raw(phase)}
        WHERE id > ${after} ORDER BY id LIMIT ${options.batchSize}`;
      if (rows.length === 0) break;
      after = rows.at(-1)!.id;
      checkpoint = { ...checkpoint, phase, after };
      if (phase === 'messages') {
        const pending = rows.map((r) => ({ row: r, chunks: embeddingChunks(r.content, embedder.maxInputTokens) }));
        const texts = pending.flatMap((p) => p.chunks.map((c) => c.text));
        const vectors = texts.length ? await embedder.embed(texts) : [];
        let next = 0;
        const writes = pending.map((p) => {
          const own = vectors.slice(next, (next += p.chunks.length));
          return { messageId: p.row.id, workspaceId: p.row.workspace_id, chunks: p.chunks, vectors: own };
        });
        await db.$transaction(async (tx) => {
          await storeMessageEmbeddings(tx, storage, embedder.engine, writes);
          await save(tx, checkpoint);
        });
        report.messages += rows.length;
      } else {
        const vectors = await embedder.embed(rows.map((r) => r.content));
        await db.$transaction(async (tx) => {
          for (const [i, r] of rows.entries()) {
            await storeConclusionEmbedding(tx, storage, r.workspace_id, r.id, { model: embedder.engine, values: vectors[i]! });
          }
          await save(tx, checkpoint);
        });
        report.conclusions += rows.length;
      }
      done += rows.length;
      log(`${phase}: ${done}/${total} (${((100 * done) / Math.max(1, total)).toFixed(1)} %)`);
    }
    checkpoint = { ...checkpoint, phase: 'conclusions', after: '' };
  }
  await db.deploymentSetting.deleteMany({ where: { key: CHECKPOINT_KEY } });
  return report;
}
