-- Search that scales with the query, not the workspace (docs/search.md):
-- - btree_gin lets one GIN index hold (workspace_id, content_tsv), so a workspace's full-text matches are found
--   without reading other workspaces' postings;
-- - pg_trgm indexes the literal (ILIKE) and name (~*) passes, which used to scan every row of the workspace;
-- - search_statistics keeps each workspace's live document count and summed token length (BM25's N and avgdl)
--   instead of counting them on every query.

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

-- Statement-level triggers with transition tables: one upsert per (statement, workspace) whatever the batch size.
-- The slot is chosen by the writing backend, so concurrent writers of one workspace mostly touch different rows;
-- a statement whose changes cancel out (e.g. a metadata update) touches none.
CREATE FUNCTION "rapport_apply_search_statistics"(target TEXT, deltas JSONB) RETURNS void LANGUAGE sql AS $$
  INSERT INTO search_statistics AS s (workspace_id, target, slot, documents, total_length)
  SELECT d.workspace_id, target, (pg_backend_pid() % 8)::smallint, d.documents, d.total_length
  FROM jsonb_to_recordset(deltas) AS d(workspace_id TEXT, documents BIGINT, total_length BIGINT)
  WHERE d.documents <> 0 OR d.total_length <> 0
  ORDER BY d.workspace_id
  ON CONFLICT (workspace_id, target, slot) DO UPDATE
    SET documents = s.documents + EXCLUDED.documents, total_length = s.total_length + EXCLUDED.total_length
$$;

CREATE FUNCTION "rapport_message_search_statistics"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas JSONB;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(x) INTO deltas FROM (
      SELECT workspace_id, count(*) AS documents, sum(token_count) AS total_length
      FROM new_rows WHERE deleted_at IS NULL GROUP BY workspace_id) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(x) INTO deltas FROM (
      SELECT workspace_id, -count(*) AS documents, -sum(token_count) AS total_length
      FROM old_rows WHERE deleted_at IS NULL GROUP BY workspace_id) x;
  ELSE
    SELECT jsonb_agg(x) INTO deltas FROM (
      SELECT workspace_id, sum(sign) AS documents, sum(sign * token_count) AS total_length FROM (
        SELECT workspace_id, 1 AS sign, token_count FROM new_rows WHERE deleted_at IS NULL
        UNION ALL SELECT workspace_id, -1, token_count FROM old_rows WHERE deleted_at IS NULL) u
      GROUP BY workspace_id) x;
  END IF;
  IF deltas IS NOT NULL THEN PERFORM rapport_apply_search_statistics('messages', deltas); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION "rapport_conclusion_search_statistics"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  deltas JSONB;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(x) INTO deltas FROM (
      SELECT workspace_id, count(*) AS documents, sum(token_count) AS total_length
      FROM new_rows WHERE deleted_at IS NULL AND superseded_at IS NULL GROUP BY workspace_id) x;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(x) INTO deltas FROM (
      SELECT workspace_id, -count(*) AS documents, -sum(token_count) AS total_length
      FROM old_rows WHERE deleted_at IS NULL AND superseded_at IS NULL GROUP BY workspace_id) x;
  ELSE
    SELECT jsonb_agg(x) INTO deltas FROM (
      SELECT workspace_id, sum(sign) AS documents, sum(sign * token_count) AS total_length FROM (
        SELECT workspace_id, 1 AS sign, token_count FROM new_rows WHERE deleted_at IS NULL AND superseded_at IS NULL
        UNION ALL
        SELECT workspace_id, -1, token_count FROM old_rows WHERE deleted_at IS NULL AND superseded_at IS NULL) u
      GROUP BY workspace_id) x;
  END IF;
  IF deltas IS NOT NULL THEN PERFORM rapport_apply_search_statistics('conclusions', deltas); END IF;
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
