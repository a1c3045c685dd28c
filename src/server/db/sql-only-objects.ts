// Database objects that exist in migration SQL (or are created at start-up) but cannot be expressed in
// prisma/schema.prisma. The schema-consistency test ignores exactly these differences, so anything else that drifts
// between the migrations and the schema fails it.

/** Columns Prisma sees as plain `Unsupported("tsvector")` but which the migrations define as generated columns. */
export const GENERATED_COLUMNS = [
  { table: 'messages', column: 'content_tsv', expression: "to_tsvector('english', content)" },
  { table: 'conclusions', column: 'content_tsv', expression: "to_tsvector('english', content)" },
] as const;

/** SQL functions created by migrations (the rapport_work_* ones keep work_units in step with work_items). */
export const SQL_FUNCTIONS = [
  'rapport_cosine_distance',
  'rapport_refresh_work_units',
  'rapport_work_items_deleted',
  'rapport_work_items_inserted',
  'rapport_work_items_truncated',
  'rapport_work_items_updated',
] as const;

/**
 * Embedding columns: `real[]` in the schema and migrations; converted to `vector(n)` with an HNSW cosine index at
 * start-up when pgvector is available (src/server/db/vector-setup.ts).
 */
export const EMBEDDING_COLUMNS = [
  { table: 'message_embeddings', column: 'embedding', index: 'message_embeddings_embedding_hnsw' },
  { table: 'conclusion_embeddings', column: 'embedding', index: 'conclusion_embeddings_embedding_hnsw' },
] as const;
