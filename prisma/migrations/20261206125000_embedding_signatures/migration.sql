-- Binary signatures next to every embedding (src/server/db/embedding-signature.ts, docs/vector-search.md): without
-- pgvector the search picks candidates by Hamming distance between signatures and computes the exact cosine only for
-- those. Nullable: rows written before this migration get theirs from the background backfill
-- (src/server/services/search/backfill-signatures.ts), and until then the search checks them exactly.
ALTER TABLE "message_embeddings" ADD COLUMN "signature" bit varying;
ALTER TABLE "conclusion_embeddings" ADD COLUMN "signature" bit varying;

-- The rows still waiting for a signature, per workspace: the search checks them exactly and the backfill finds them
-- without scanning the table. Empty once the backfill is done (a partial index is not expressible in schema.prisma;
-- listed in src/server/db/sql-only-objects.ts).
CREATE INDEX "message_embeddings_unsigned_idx" ON "message_embeddings"("workspace_id") WHERE "signature" IS NULL;
CREATE INDEX "conclusion_embeddings_unsigned_idx" ON "conclusion_embeddings"("workspace_id") WHERE "signature" IS NULL;
