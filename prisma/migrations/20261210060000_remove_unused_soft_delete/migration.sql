-- Workspaces, messages and conclusions are deleted physically, so their `deleted_at` columns were never set: drop
-- them. Sessions, peers and webhook endpoints keep theirs (marked first, purged or kept for history afterwards).
-- The search statistics triggers filtered on the dropped columns; they are redefined without them.
-- The `cleanup` work kind had no producer: the enum is rebuilt without it.

ALTER TABLE "workspaces" DROP COLUMN "deleted_at";
ALTER TABLE "messages" DROP COLUMN "deleted_at";
ALTER TABLE "conclusions" DROP COLUMN "deleted_at";

CREATE OR REPLACE FUNCTION "rapport_message_search_statistics"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes JSONB;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('w', workspace_id, 'l', token_count, 't', tsvector_to_array(content_tsv), 's', 1))
    INTO changes FROM new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('w', workspace_id, 'l', token_count, 't', tsvector_to_array(content_tsv), 's', -1))
    INTO changes FROM old_rows;
  ELSE
    SELECT jsonb_agg(jsonb_build_object('w', workspace_id, 'l', token_count, 't', tsvector_to_array(content_tsv), 's', sign))
    INTO changes FROM (
      SELECT workspace_id, token_count, content_tsv, 1 AS sign FROM new_rows
      UNION ALL SELECT workspace_id, token_count, content_tsv, -1 FROM old_rows) u;
  END IF;
  IF changes IS NOT NULL THEN PERFORM rapport_apply_search_changes('messages', changes); END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "rapport_conclusion_search_statistics"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changes JSONB;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_object('w', workspace_id, 'l', token_count, 't', tsvector_to_array(content_tsv), 's', 1))
    INTO changes FROM new_rows WHERE superseded_at IS NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_object('w', workspace_id, 'l', token_count, 't', tsvector_to_array(content_tsv), 's', -1))
    INTO changes FROM old_rows WHERE superseded_at IS NULL;
  ELSE
    SELECT jsonb_agg(jsonb_build_object('w', workspace_id, 'l', token_count, 't', tsvector_to_array(content_tsv), 's', sign))
    INTO changes FROM (
      SELECT workspace_id, token_count, content_tsv, 1 AS sign FROM new_rows WHERE superseded_at IS NULL
      UNION ALL
      SELECT workspace_id, token_count, content_tsv, -1 FROM old_rows WHERE superseded_at IS NULL) u;
  END IF;
  IF changes IS NOT NULL THEN PERFORM rapport_apply_search_changes('conclusions', changes); END IF;
  RETURN NULL;
END $$;

DELETE FROM "work_items" WHERE "kind" = 'cleanup';
DELETE FROM "work_units" WHERE "kind" = 'cleanup';
ALTER TYPE "work_kind" RENAME TO "work_kind_old";
CREATE TYPE "work_kind" AS ENUM ('derivation', 'summary', 'dream', 'embedding', 'webhook', 'backfill');
ALTER TABLE "work_items" ALTER COLUMN "kind" TYPE "work_kind" USING "kind"::text::"work_kind";
ALTER TABLE "work_units" ALTER COLUMN "kind" TYPE "work_kind" USING "kind"::text::"work_kind";
DROP TYPE "work_kind_old";
