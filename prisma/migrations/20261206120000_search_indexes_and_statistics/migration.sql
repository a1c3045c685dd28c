-- Search that scales with the query, not the workspace (docs/search.md):
-- - btree_gin lets one GIN index hold (workspace_id, content_tsv), so a workspace's full-text matches are found
--   without reading other workspaces' postings;
-- - pg_trgm indexes the literal (ILIKE) and name (~*) passes, which used to scan every row of the workspace;
-- - search_statistics keeps each workspace's live document count and summed token length (BM25's N and avgdl), and
--   search_term_statistics each lexeme's document frequency (BM25's idf), instead of counting them on every query.

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "btree_gin";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateTable
CREATE TABLE "search_statistics" (
    "workspace_id" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "slot" SMALLINT NOT NULL,
    "documents" BIGINT NOT NULL DEFAULT 0,
    "total_length" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "search_statistics_pkey" PRIMARY KEY ("workspace_id","target","slot")
);

-- CreateTable
CREATE TABLE "search_term_statistics" (
    "workspace_id" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "lexeme" TEXT NOT NULL,
    "slot" SMALLINT NOT NULL,
    "documents" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "search_term_statistics_pkey" PRIMARY KEY ("workspace_id","target","lexeme","slot")
);

-- DropIndex
DROP INDEX "messages_content_tsv_idx";

-- DropIndex
DROP INDEX "conclusions_content_tsv_idx";

-- CreateIndex
CREATE INDEX "messages_workspace_id_content_tsv_idx" ON "messages" USING GIN ("workspace_id" text_ops, "content_tsv");

-- CreateIndex
CREATE INDEX "messages_workspace_id_content_idx" ON "messages" USING GIN ("workspace_id" text_ops, "content" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "conclusions_workspace_id_content_tsv_idx" ON "conclusions" USING GIN ("workspace_id" text_ops, "content_tsv");

-- CreateIndex
CREATE INDEX "conclusions_workspace_id_content_idx" ON "conclusions" USING GIN ("workspace_id" text_ops, "content" gin_trgm_ops);

-- Statement-level triggers with transition tables: one pass per statement whatever the batch size. The changed live
-- rows (+1 new, -1 old) are handed over as JSON and applied in one function. The slot is chosen by the writing
-- backend, so concurrent writers of one workspace mostly touch different rows; rows are upserted in key order, so
-- two writers sharing a slot queue instead of deadlocking; changes that cancel out (a metadata update) touch nothing.
CREATE FUNCTION "rapport_apply_search_changes"(kind TEXT, changes JSONB) RETURNS void LANGUAGE sql AS $$
  INSERT INTO search_statistics AS s (workspace_id, target, slot, documents, total_length)
  SELECT c.w, $1, (pg_backend_pid() % 8)::smallint, sum(c.s), sum(c.s * c.l)
  FROM jsonb_to_recordset($2) AS c(w TEXT, l BIGINT, t TEXT[], s INT)
  GROUP BY c.w HAVING sum(c.s) <> 0 OR sum(c.s * c.l) <> 0 ORDER BY c.w
  ON CONFLICT (workspace_id, target, slot) DO UPDATE
    SET documents = s.documents + EXCLUDED.documents, total_length = s.total_length + EXCLUDED.total_length;
  INSERT INTO search_term_statistics AS s (workspace_id, target, lexeme, slot, documents)
  SELECT c.w, $1, u.lexeme, (pg_backend_pid() % 8)::smallint, sum(c.s)
  FROM jsonb_to_recordset($2) AS c(w TEXT, l BIGINT, t TEXT[], s INT) CROSS JOIN LATERAL unnest(c.t) AS u(lexeme)
  GROUP BY c.w, u.lexeme HAVING sum(c.s) <> 0 ORDER BY c.w, u.lexeme
  ON CONFLICT (workspace_id, target, lexeme, slot) DO UPDATE SET documents = s.documents + EXCLUDED.documents;
$$;

CREATE FUNCTION "rapport_message_search_statistics"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes JSONB;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('w', workspace_id, 'l', token_count, 't', tsvector_to_array(content_tsv), 's', 1))
    INTO changes FROM new_rows WHERE deleted_at IS NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('w', workspace_id, 'l', token_count, 't', tsvector_to_array(content_tsv), 's', -1))
    INTO changes FROM old_rows WHERE deleted_at IS NULL;
  ELSE
    SELECT jsonb_agg(jsonb_build_object('w', workspace_id, 'l', token_count, 't', tsvector_to_array(content_tsv), 's', sign))
    INTO changes FROM (
      SELECT workspace_id, token_count, content_tsv, 1 AS sign FROM new_rows WHERE deleted_at IS NULL
      UNION ALL SELECT workspace_id, token_count, content_tsv, -1 FROM old_rows WHERE deleted_at IS NULL) u;
  END IF;
  IF changes IS NOT NULL THEN PERFORM rapport_apply_search_changes('messages', changes); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "rapport_conclusion_search_statistics"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes JSONB;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('w', workspace_id, 'l', token_count, 't', tsvector_to_array(content_tsv), 's', 1))
    INTO changes FROM new_rows WHERE deleted_at IS NULL AND superseded_at IS NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('w', workspace_id, 'l', token_count, 't', tsvector_to_array(content_tsv), 's', -1))
    INTO changes FROM old_rows WHERE deleted_at IS NULL AND superseded_at IS NULL;
  ELSE
    SELECT jsonb_agg(jsonb_build_object('w', workspace_id, 'l', token_count, 't', tsvector_to_array(content_tsv), 's', sign))
    INTO changes FROM (
      SELECT workspace_id, token_count, content_tsv, 1 AS sign FROM new_rows WHERE deleted_at IS NULL AND superseded_at IS NULL
      UNION ALL
      SELECT workspace_id, token_count, content_tsv, -1 FROM old_rows WHERE deleted_at IS NULL AND superseded_at IS NULL) u;
  END IF;
  IF changes IS NOT NULL THEN PERFORM rapport_apply_search_changes('conclusions', changes); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "messages_search_statistics_insert" AFTER INSERT ON "messages"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_message_search_statistics();
CREATE TRIGGER "messages_search_statistics_update" AFTER UPDATE ON "messages"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_message_search_statistics();
CREATE TRIGGER "messages_search_statistics_delete" AFTER DELETE ON "messages"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_message_search_statistics();

CREATE TRIGGER "conclusions_search_statistics_insert" AFTER INSERT ON "conclusions"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_conclusion_search_statistics();
CREATE TRIGGER "conclusions_search_statistics_update" AFTER UPDATE ON "conclusions"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_conclusion_search_statistics();
CREATE TRIGGER "conclusions_search_statistics_delete" AFTER DELETE ON "conclusions"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rapport_conclusion_search_statistics();

-- Existing rows.
INSERT INTO search_statistics (workspace_id, target, slot, documents, total_length)
SELECT workspace_id, 'messages', 0, count(*), sum(token_count) FROM messages WHERE deleted_at IS NULL GROUP BY workspace_id;
INSERT INTO search_statistics (workspace_id, target, slot, documents, total_length)
SELECT workspace_id, 'conclusions', 0, count(*), sum(token_count) FROM conclusions
WHERE deleted_at IS NULL AND superseded_at IS NULL GROUP BY workspace_id;
INSERT INTO search_term_statistics (workspace_id, target, lexeme, slot, documents)
SELECT m.workspace_id, 'messages', u.lexeme, 0, count(*) FROM messages m CROSS JOIN LATERAL unnest(m.content_tsv) AS u
WHERE m.deleted_at IS NULL GROUP BY m.workspace_id, u.lexeme;
INSERT INTO search_term_statistics (workspace_id, target, lexeme, slot, documents)
SELECT c.workspace_id, 'conclusions', u.lexeme, 0, count(*) FROM conclusions c CROSS JOIN LATERAL unnest(c.content_tsv) AS u
WHERE c.deleted_at IS NULL AND c.superseded_at IS NULL GROUP BY c.workspace_id, u.lexeme;
