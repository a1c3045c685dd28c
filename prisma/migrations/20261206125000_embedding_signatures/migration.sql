-- Binary signatures next to every embedding (src/server/db/embedding-signature.ts, docs/vector-search.md): without
-- pgvector the search picks candidates by Hamming distance between signatures and computes the exact cosine only for
-- those. Nullable: rows written before this migration get theirs from the background backfill
-- (src/server/services/search/backfill-signatures.ts), and until then the search checks them exactly.
ALTER TABLE "message_embeddings" ADD COLUMN "signature" bit varying;
ALTER TABLE "conclusion_embeddings" ADD COLUMN "signature" bit varying;
