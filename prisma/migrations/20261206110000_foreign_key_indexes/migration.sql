-- Every foreign key gets an index leading with its columns, so deleting (or re-keying) the referenced row finds the
-- referencing rows by index instead of scanning the table: a peer's messages and conclusions, a session's conclusions
-- and scope backfills, a user's API keys. Queries that filter by workspace keep using the composite indexes leading
-- with workspace_id. Plus the hot predicates without one: the sweeper's purge of finished work items and its search
-- for sessions and peers whose purge a crash interrupted.

-- CreateIndex
CREATE INDEX "messages_peer_id_idx" ON "messages"("peer_id");

-- CreateIndex
CREATE INDEX "conclusions_observer_id_idx" ON "conclusions"("observer_id");

-- CreateIndex
CREATE INDEX "conclusions_observed_id_idx" ON "conclusions"("observed_id");

-- CreateIndex
CREATE INDEX "conclusions_session_id_idx" ON "conclusions"("session_id");

-- CreateIndex
CREATE INDEX "peer_views_observed_id_idx" ON "peer_views"("observed_id");

-- CreateIndex
CREATE INDEX "scope_backfills_session_id_idx" ON "scope_backfills"("session_id");

-- CreateIndex
CREATE INDEX "api_keys_created_by_id_idx" ON "api_keys"("created_by_id");

-- CreateIndex
CREATE INDEX "work_items_status_finished_at_idx" ON "work_items"("status", "finished_at");

-- CreateIndex
CREATE INDEX "sessions_deleted_at_idx" ON "sessions"("deleted_at");

-- CreateIndex
CREATE INDEX "peers_deleted_at_idx" ON "peers"("deleted_at");
