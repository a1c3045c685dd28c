-- Per-unit queue state (docs/queue.md): one row per work unit that has pending items, with the moment it becomes
-- runnable (`due_at`) precomputed, so a worker's poll reads the few due units through an index instead of grouping
-- every pending work item. The rows are kept by statement-level triggers on work_items, in the same transaction as
-- whatever changed the items (a message insert, a claim, a settlement, a retry, a delete), so no code path can forget
-- them. Fairness across workspaces is kept in work_workspace_turns (last time a worker claimed for the workspace).

-- CreateTable
CREATE TABLE "work_units" (
    "unit_key" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "kind" "work_kind" NOT NULL,
    "due_at" TIMESTAMPTZ(6) NOT NULL,
    "head_available_at" TIMESTAMPTZ(6) NOT NULL,
    "head_started" BOOLEAN NOT NULL,
    "max_available_at" TIMESTAMPTZ(6) NOT NULL,
    "min_deadline_at" TIMESTAMPTZ(6),
    "batch_full" BOOLEAN NOT NULL,

    CONSTRAINT "work_units_pkey" PRIMARY KEY ("unit_key")
);

-- CreateTable
CREATE TABLE "work_workspace_turns" (
    "workspace_id" TEXT NOT NULL,
    "last_served_at" TIMESTAMPTZ(6),

    CONSTRAINT "work_workspace_turns_pkey" PRIMARY KEY ("workspace_id")
);

-- CreateIndex
CREATE INDEX "work_units_workspace_id_due_at_idx" ON "work_units"("workspace_id", "due_at");

-- CreateIndex
CREATE INDEX "work_units_due_at_idx" ON "work_units"("due_at");

-- CreateIndex
CREATE INDEX "work_items_unit_key_status_available_at_idx" ON "work_items"("unit_key", "status", "available_at");

-- CreateIndex
CREATE INDEX "work_items_unit_key_status_deadline_at_idx" ON "work_items"("unit_key", "status", "deadline_at");

-- Recomputes the state rows of the given units from their pending items. Cost per unit: a few index probes plus a
-- running token sum over the oldest pending items that stops at the batch size — never a scan of the whole backlog.
-- Rows are locked (in key order) before they are computed: under READ COMMITTED the next statement then sees every
-- transaction that touched the same unit before us, so two concurrent enqueues cannot overwrite each other's state.
-- 1024 is DERIVE_BATCH_TOKENS (src/server/jobs/find-runnable-units.ts): pending message tokens that make a
-- derivation unit runnable without waiting out its debounce.
CREATE FUNCTION rapport_refresh_work_units(keys text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO work_units (unit_key, workspace_id, kind, due_at, head_available_at, head_started, max_available_at, batch_full)
  SELECT DISTINCT ON (w.unit_key) w.unit_key, w.workspace_id, w.kind, 'infinity', 'infinity', false, 'infinity', false
  FROM work_items w WHERE w.unit_key = ANY(keys) AND w.status = 'pending'
  ORDER BY w.unit_key
  ON CONFLICT (unit_key) DO NOTHING;
  PERFORM 1 FROM work_units u WHERE u.unit_key = ANY(keys) ORDER BY u.unit_key FOR UPDATE;
  DELETE FROM work_units u WHERE u.unit_key = ANY(keys)
    AND NOT EXISTS (SELECT 1 FROM work_items w WHERE w.unit_key = u.unit_key AND w.status = 'pending');
  UPDATE work_units u SET
    workspace_id = s.workspace_id,
    kind = s.kind,
    head_available_at = s.head_available_at,
    head_started = s.head_started,
    max_available_at = s.max_available_at,
    min_deadline_at = s.min_deadline_at,
    batch_full = s.batch_full,
    -- Other kinds: the oldest pending item is due. Derivation (docs/api.md#s5-2): out of backoff (a never-started head item is
    -- only debouncing), and then idle for the debounce, or past the maximum wait, or holding a full batch.
    due_at = CASE WHEN s.kind = 'derivation' THEN
               coalesce(GREATEST(CASE WHEN s.head_started THEN s.head_available_at END,
                                 CASE WHEN NOT s.batch_full THEN LEAST(s.max_available_at, s.min_deadline_at) END),
                        s.head_created_at)
             ELSE s.head_available_at END
  FROM (
    SELECT u2.unit_key, h.workspace_id, h.kind, h.available_at AS head_available_at, h.started_at IS NOT NULL AS head_started,
           h.created_at AS head_created_at, mx.available_at AS max_available_at, mn.deadline_at AS min_deadline_at,
           (h.kind = 'derivation' AND EXISTS (
              SELECT 1 FROM (
                SELECT sum(coalesce(m.token_count, 0)) OVER (ORDER BY w.id) AS total
                FROM work_items w LEFT JOIN messages m ON m.id = w.message_id
                WHERE w.unit_key = u2.unit_key AND w.status = 'pending') r
              WHERE r.total >= 1024)) AS batch_full
    FROM work_units u2
    CROSS JOIN LATERAL (
      SELECT w.workspace_id, w.kind, w.available_at, w.started_at, w.created_at FROM work_items w
      WHERE w.unit_key = u2.unit_key AND w.status = 'pending' ORDER BY w.id LIMIT 1) h
    CROSS JOIN LATERAL (
      SELECT w.available_at FROM work_items w
      WHERE w.unit_key = u2.unit_key AND w.status = 'pending' ORDER BY w.available_at DESC LIMIT 1) mx
    LEFT JOIN LATERAL (
      SELECT w.deadline_at FROM work_items w
      WHERE w.unit_key = u2.unit_key AND w.status = 'pending' AND w.deadline_at IS NOT NULL
      ORDER BY w.deadline_at LIMIT 1) mn ON true
    WHERE u2.unit_key = ANY(keys)
  ) s
  WHERE u.unit_key = s.unit_key;
  INSERT INTO work_workspace_turns (workspace_id)
  SELECT DISTINCT u.workspace_id FROM work_units u WHERE u.unit_key = ANY(keys)
  ON CONFLICT (workspace_id) DO NOTHING;
END $$;

-- Only pending items decide a unit's state: inserts, deletes and updates that touch no pending row (a heartbeat, a
-- completion, the purge of finished items) cost nothing more than a filter over the statement's transition table.
-- New or re-pending work also notifies `rapport_work` (delivered at commit) so listening workers start at once.
CREATE FUNCTION rapport_work_items_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE keys text[];
BEGIN
  SELECT array_agg(DISTINCT n.unit_key) INTO keys FROM new_items n WHERE n.status = 'pending';
  IF keys IS NOT NULL THEN
    PERFORM rapport_refresh_work_units(keys);
    PERFORM pg_notify('rapport_work', '');
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION rapport_work_items_updated() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE keys text[];
DECLARE released boolean;
BEGIN
  SELECT array_agg(DISTINCT k.unit_key), bool_or(k.now_pending) INTO keys, released FROM (
    SELECT n.unit_key, n.status = 'pending' AND o.status <> 'pending' AS now_pending
    FROM new_items n JOIN old_items o ON o.id = n.id
    WHERE (n.status = 'pending' OR o.status = 'pending')
      AND (n.status IS DISTINCT FROM o.status OR n.available_at IS DISTINCT FROM o.available_at
           OR n.started_at IS DISTINCT FROM o.started_at OR n.deadline_at IS DISTINCT FROM o.deadline_at
           OR n.unit_key IS DISTINCT FROM o.unit_key OR n.message_id IS DISTINCT FROM o.message_id)
    UNION ALL
    SELECT o.unit_key, false FROM new_items n JOIN old_items o ON o.id = n.id
    WHERE o.status = 'pending' AND n.unit_key IS DISTINCT FROM o.unit_key) k;
  IF keys IS NOT NULL THEN
    PERFORM rapport_refresh_work_units(keys);
    IF released THEN PERFORM pg_notify('rapport_work', ''); END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION rapport_work_items_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE keys text[];
BEGIN
  SELECT array_agg(DISTINCT o.unit_key) INTO keys FROM old_items o WHERE o.status = 'pending';
  IF keys IS NOT NULL THEN PERFORM rapport_refresh_work_units(keys); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION rapport_work_items_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM work_units;
  RETURN NULL;
END $$;

CREATE TRIGGER work_items_units_on_insert AFTER INSERT ON work_items
  REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION rapport_work_items_inserted();
CREATE TRIGGER work_items_units_on_update AFTER UPDATE ON work_items
  REFERENCING OLD TABLE AS old_items NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION rapport_work_items_updated();
CREATE TRIGGER work_items_units_on_delete AFTER DELETE ON work_items
  REFERENCING OLD TABLE AS old_items FOR EACH STATEMENT EXECUTE FUNCTION rapport_work_items_deleted();
CREATE TRIGGER work_items_units_on_truncate AFTER TRUNCATE ON work_items
  FOR EACH STATEMENT EXECUTE FUNCTION rapport_work_items_truncated();

-- Backfill: state rows for every unit that already has pending items.
SELECT rapport_refresh_work_units(array_agg(DISTINCT unit_key)) FROM work_items WHERE status = 'pending';
