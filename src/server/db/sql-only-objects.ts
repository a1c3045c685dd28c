// Database objects that exist in migration SQL (or are created at start-up) but cannot be expressed in
// prisma/schema.prisma. The schema-consistency test ignores exactly these differences, so anything else that drifts
// between the migrations and the schema fails it.

/** Columns Prisma sees as plain `Unsupported("tsvector")` but which the migrations define as generated columns. */
export const GENERATED_COLUMNS = [
  { table: 'messages', column: 'content_tsv', expression: "to_tsvector('english', content)" },
  { table: 'conclusions', column: 'content_tsv', expression: "to_tsvector('english', content)" },
] as const;

/** SQL functions created by migrations. */
export const SQL_FUNCTIONS = [
  'rapport_cosine_distance',
  // keep work_units in step with work_items (migration 20261206100000)
  'rapport_refresh_work_units',
  'rapport_work_items_deleted',
  'rapport_work_items_inserted',
  'rapport_work_items_truncated',
  'rapport_work_items_updated',
  // search_statistics triggers (migration 20261206120000)
  'rapport_apply_search_changes',
  'rapport_message_search_statistics',
  'rapport_conclusion_search_statistics',
] as const;

/**
 * Embedding columns: `real[]` in the schema and migrations; converted to `vector(n)` with an HNSW cosine index at
 * start-up when pgvector is available (src/server/db/vector-setup.ts). Without pgvector, the signature index instead:
 * the workspace's signatures by inverted-file list in a narrow covering index, so the fallback's Hamming pass reads
 * ~250 bytes per row (index-only) of the probed lists only, instead of the ~1.7 kB heap rows that carry the embeddings.
 * `legacySignatureIndex` is its predecessor without the list column, dropped at start-up.
 */
export const EMBEDDING_COLUMNS = [
  {
    table: 'message_embeddings', column: 'embedding', index: 'message_embeddings_embedding_hnsw',
    signatureIndex: 'message_embeddings_signature_lists', signatureColumns: 'message_id, id, signature',
    legacySignatureIndex: 'message_embeddings_signature_scan',
  },
  {
    table: 'conclusion_embeddings', column: 'embedding', index: 'conclusion_embeddings_embedding_hnsw',
    signatureIndex: 'conclusion_embeddings_signature_lists', signatureColumns: 'conclusion_id, signature',
    legacySignatureIndex: 'conclusion_embeddings_signature_scan',
  },
] as const;

/** Partial indexes of the embeddings still waiting for a binary signature (migration 20261206125000). */
export const SIGNATURE_INDEXES = ['message_embeddings_unsigned_idx', 'conclusion_embeddings_unsigned_idx'] as const;
