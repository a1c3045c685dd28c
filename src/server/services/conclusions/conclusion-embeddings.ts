import 'server-only';
// Conclusion vectors in both storage modes (docs/honcho-differences.md#database-portability): written as `vector(n)` with pgvector or `real[]` without,
// and compared with the same cosine distance, so de-duplication behaves identically on PGlite and PostgreSQL 15.
import { Prisma } from '@/generated/prisma/client';
import type { DbClient } from '@/server/db/client';
import { embeddingValue, signatureValue } from '@/server/db/vector-storage';
import type { VectorStorage } from '@/server/db/vector-setup';
import { listIdsFor } from '../search/vector-list-assignment';

export type ConclusionVector = { model: string; values: readonly number[] };

/**
 * Stores (or replaces) the embedding of one conclusion, with its binary signature and, in a workspace with
 * inverted-file lists, its list (docs/vector-search.md).
 */
export async function storeConclusionEmbedding(
  tx: DbClient,
  storage: VectorStorage,
  workspaceId: string,
  conclusionId: string,
  vector: ConclusionVector,
): Promise<void> {
  const value = embeddingValue(storage, vector.values);
  const signature = signatureValue(storage, vector.values);
  const [listId] = await listIdsFor(tx, storage, workspaceId, 'conclusions', [vector.values]);
  await tx.$executeRaw`
    INSERT INTO conclusion_embeddings (conclusion_id, workspace_id, model, embedding, signature, list_id)
    VALUES (${conclusionId}, ${workspaceId}, ${vector.model}, ${value}, ${signature}, ${listId ?? null}::int)
    ON CONFLICT (conclusion_id) DO UPDATE
      SET model = EXCLUDED.model, embedding = EXCLUDED.embedding, signature = EXCLUDED.signature, list_id = EXCLUDED.list_id,
          created_at = now()`;
}

/** Cosine distance (0 = same direction) between the stored embedding `e.embedding` and `values`. */
export function cosineDistanceTo(storage: VectorStorage, values: readonly number[]): Prisma.Sql {
  const query = embeddingValue(storage, values);
  return storage.mode === 'pgvector'
    ? Prisma.sql`(e.embedding <=> ${query})`
    : Prisma.sql`rapport_cosine_distance(e.embedding, ${query})`;
}

/** Texts as the embedder may take them: cut to its input limit (conclusions are short; this is a guard). */
export function embeddingInput(text: string, maxInputTokens: number): string {
  // A token is at least one character, so this many characters can never be too few tokens to cover the limit;
  // cutting at ~3 characters per token keeps nearly every text whole and almost always fits.
  const limit = Math.max(1, maxInputTokens) * 3;
  return text.length > limit ? text.slice(0, limit) : text;
}
